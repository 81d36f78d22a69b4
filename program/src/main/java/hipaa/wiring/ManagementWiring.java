package hipaa.wiring;

import com.pulumi.Context;
import com.pulumi.resources.ProviderResource;
import hipaa.alerting.AlertTopic;
import hipaa.alerting.SecurityAlarms;
import hipaa.organization.OrganizationGuard;
import hipaa.organization.OrganizationOutputs;
import hipaa.organization.OrganizationTrail;
import hipaa.organization.ServiceControlPolicies;

import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * The organization's management account: the organization itself, the SCPs and their attachments, the
 * delegated administrators, the organization trail delivering to the log-archive bucket, and the security
 * alarms of single mode on the trail's CloudWatch Logs copy, notifying a topic of this account.
 *
 * @param guard  the organization, its SCPs and delegated administrators
 * @param trail  the organization trail
 * @param alerts the topic the trail's alarms notify ({@code hipaa:alertEmails})
 * @param alarms the CIS security alarms on the trail's log group
 */
public record ManagementWiring(Platform platform, OrganizationGuard guard, OrganizationTrail trail, AlertTopic alerts,
                               SecurityAlarms alarms) {

    public static ManagementWiring create(Platform platform) {
        platform.organizationAccountBaseline();
        var settings = platform.settings();
        var org = settings.organization();
        var naming = platform.naming();

        // GuardDuty and Security Hub designate their administrator per Region: one provider per approved Region,
        // this stack's own first.
        var providers = new LinkedHashMap<String, ProviderResource>();
        providers.put(settings.region(), platform.opts().getProviders().get(0));
        for (var region : org.approvedRegions()) {
            if (!providers.containsKey(region)) {
                providers.put(region, Platform.provider("aws-" + region, region, settings));
            }
        }
        var guard = new OrganizationGuard("organization", new OrganizationGuard.Args(org.organizationId(),
                naming.namePrefix(), new ServiceControlPolicies.Scope(settings.partition(), settings.project(),
                org.approvedRegions()), org.scpTargetIds(), org.securityAccountId(), providers), platform.opts());

        var archive = OrganizationReferences.read(platform).logArchive().orElseThrow();
        var trail = new OrganizationTrail("organization-trail", new OrganizationTrail.Args(naming, settings.project(),
                org.organizationId(), new OrganizationTrail.Archive(archive.archiveBucketName(), archive.archiveKeyArn()),
                settings.audit().trailLogRetentionDays(), platform.protect(), guard.organization), platform.opts());

        var alerts = AlertingWiring.topic(platform);
        // Break-glass roles live in the member accounts, each watched by its own stack's alarm.
        var alarms = new SecurityAlarms("security-alarms", new SecurityAlarms.Args(trail.logGroupName, Optional.empty(),
                Optional.empty(), alerts.topicArn, naming.namePrefix()), platform.opts());
        return new ManagementWiring(platform, guard, trail, alerts, alarms);
    }

    public void export(Context ctx) {
        platform.export(ctx);
        ctx.export(OrganizationOutputs.ORGANIZATION_TRAIL_ARN, trail.trailArn);
    }
}
