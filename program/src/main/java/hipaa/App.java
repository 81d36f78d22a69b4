package hipaa;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import hipaa.settings.AccountRole;
import hipaa.settings.Placeholders;
import hipaa.settings.Settings;
import hipaa.wiring.AccessWiring;
import hipaa.wiring.AlertingWiring;
import hipaa.wiring.AuditWiring;
import hipaa.wiring.ComputeWiring;
import hipaa.wiring.DataWiring;
import hipaa.wiring.EdgeWiring;
import hipaa.wiring.FrontWiring;
import hipaa.wiring.IdentityWiring;
import hipaa.wiring.LogArchiveWiring;
import hipaa.wiring.ManagementWiring;
import hipaa.wiring.NetworkWiring;
import hipaa.wiring.OrganizationReferences;
import hipaa.wiring.Platform;
import hipaa.wiring.SecurityWiring;

import java.util.Optional;

/**
 * The whole HIPAA environment, one stack at a time.
 *
 * <p>{@link #stack(Context)} is the program: the Pulumi CLI runs it through {@link #main}, the tests and
 * the offline plan run the very same method under the SDK's mocks. It reads the configuration once,
 * stops before creating anything if it is wrong, and otherwise composes the security domains of the stack's
 * account role ({@code hipaa:accountRole}: one account, or one account of an organization), each wired
 * from the settings in its own class of {@code hipaa.wiring}, which also exports that domain's outputs. It
 * holds no AWS property values of its own: behaviour lives in the components, per-stack values in the stack
 * files.
 */
public final class App {
    private App() {}

    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    public static void stack(Context ctx) {
        var settings = Settings.read(ctx);
        // Example values the stack files ship cannot work against AWS; every preview and up says which remain.
        Placeholders.find(ctx).forEach(p -> ctx.log().warn(p.warning(settings.stack())));
        var platform = Platform.connect(settings);
        switch (settings.role()) {
            case SINGLE, WORKLOAD -> workload(ctx, platform);
            case MANAGEMENT -> ManagementWiring.create(platform).export(ctx);
            case LOG_ARCHIVE -> LogArchiveWiring.create(platform).export(ctx);
            case SECURITY -> SecurityWiring.create(platform).export(ctx);
        }
    }

    /** The environment itself: the whole of a single-account stack, or one workload account of an organization. */
    private static void workload(Context ctx, Platform platform) {
        // A workload account of an organization reads the log-archive account's Config bucket and key and the
        // security account's topic from their stacks; a single-account stack reads nothing.
        var organization = platform.settings().role() == AccountRole.WORKLOAD
                ? Optional.of(OrganizationReferences.read(platform)) : Optional.<OrganizationReferences>empty();
        var identity = IdentityWiring.create(platform);
        var keys = identity.keys();
        var network = NetworkWiring.create(platform, keys);
        var alerts = AlertingWiring.topic(platform);
        var access = AccessWiring.create(platform, keys, network, alerts.topicArn);
        var data = DataWiring.create(platform, keys, network);
        var audit = AuditWiring.create(platform, keys, network, alerts.topicArn, organization);
        var edge = EdgeWiring.create(platform, keys, network, audit);
        var compute = ComputeWiring.create(platform, keys, network, edge, access.sessions());
        var front = FrontWiring.create(platform, edge, audit);
        network.allowFlows(access, data, compute);
        var alerting = AlertingWiring.create(platform, alerts, audit, edge, compute, data, organization);
        // Every resource exists: the exemptions in force can be resolved to the ids AWS Config reports.
        platform.subjects().seal();

        platform.export(ctx);
        network.export(ctx);
        identity.export(ctx);
        access.export(ctx);
        data.export(ctx);
        audit.export(ctx);
        alerting.export(ctx);
        edge.export(ctx);
        compute.export(ctx);
        front.export(ctx);
    }
}
