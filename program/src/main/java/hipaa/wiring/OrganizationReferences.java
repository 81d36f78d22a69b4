package hipaa.wiring;

import com.pulumi.core.Output;
import com.pulumi.resources.StackReference;
import com.pulumi.resources.StackReferenceArgs;
import hipaa.organization.OrganizationOutputs;

import java.util.Optional;

/**
 * What this stack reads from the other accounts' stacks, through Pulumi StackReferences named in the settings
 * ({@code hipaa:logArchiveStack}, {@code hipaa:securityStack}). A referenced stack that lacks an output stops the
 * deployment with the output's name ({@code requireOutput}), instead of wiring an empty value.
 *
 * @param logArchive the log-archive stack's evidence buckets and key, for management and workload stacks
 * @param security   the security stack's topic, for workload stacks
 */
public record OrganizationReferences(Optional<LogArchive> logArchive, Optional<Security> security) {

    /**
     * @param archiveBucketName the organization trail's bucket
     * @param archiveKeyArn     the key of the trail's log files and the Config history
     * @param configBucketName  the bucket AWS Config delivers to
     */
    public record LogArchive(Output<String> archiveBucketName, Output<String> archiveKeyArn, Output<String> configBucketName) {}

    /** @param topicArn the security team's topic */
    public record Security(Output<String> topicArn) {}

    public static OrganizationReferences read(Platform platform) {
        var org = platform.settings().organization();
        var logArchive = org.logArchiveStack().map(name -> {
            var ref = new StackReference("log-archive", StackReferenceArgs.builder().name(name).build());
            return new LogArchive(string(ref, OrganizationOutputs.ARCHIVE_BUCKET_NAME),
                    string(ref, OrganizationOutputs.ARCHIVE_KEY_ARN), string(ref, OrganizationOutputs.CONFIG_BUCKET_NAME));
        });
        var security = org.securityStack().map(name -> {
            var ref = new StackReference("security", StackReferenceArgs.builder().name(name).build());
            return new Security(string(ref, OrganizationOutputs.SECURITY_TOPIC_ARN));
        });
        return new OrganizationReferences(logArchive, security);
    }

    private static Output<String> string(StackReference ref, String output) {
        return ref.requireOutput(output).applyValue(String::valueOf);
    }
}
