package hipaa.access;

import com.google.gson.GsonBuilder;
import com.pulumi.aws.ssm.Document;
import com.pulumi.aws.ssm.DocumentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Session Manager's preferences for the whole account and Region: every session's transcript streamed to
 * a log group encrypted with the logs key, session data encrypted with the same key, idle sessions closed.
 *
 * <p>The preferences are the one SSM document named {@link #DOCUMENT_NAME} per account and Region, so only
 * one stack there may own them (setting {@code hipaa:ssmSessionPreferencesStack}); a stack that does not own
 * them creates nothing here and points its instance roles at the owner's log group and key. If the account
 * already has the document (the console creates it the first time someone saves preferences), import it
 * once: {@code pulumi import aws:ssm/document:Document <name>-document SSM-SessionManagerRunShell}.
 *
 * <p>Children: {@code <name>-logs} (log group {@link SessionLogging#logGroupName}), {@code <name>-document}.
 * Supports 45 CFR 164.312(b) audit controls and 164.312(a)(2)(iii) automatic logoff.
 */
public final class SessionManagerPreferences extends ComponentResource {

    public static final String TYPE = "hipaa:access:SessionManagerPreferences";
    public static final String DOCUMENT_NAME = "SSM-SessionManagerRunShell";
    /** Minutes; the same 15 minutes as the bastion's shell timeout. */
    public static final int IDLE_SESSION_MINUTES = 15;
    public static final int MAX_SESSION_MINUTES = 240;

    /**
     * @param logGroupName     the session log group to create
     * @param logsKeyArn       encrypts the log group and the session data
     * @param logRetentionDays retention of transcripts
     * @param protect          protect and retain the log group (audit evidence), protect the document
     */
    public record Args(String logGroupName, Output<String> logsKeyArn, int logRetentionDays, boolean protect) {}

    public final Output<String> logGroupName;

    public SessionManagerPreferences(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var group = Hosts.logGroup(this, name + "-logs", args.logGroupName(), args.logRetentionDays(), args.logsKeyArn(),
                args.protect());
        new Document(name + "-document", DocumentArgs.builder()
                .name(DOCUMENT_NAME)
                .documentType("Session")
                .documentFormat("JSON")
                .content(Output.tuple(group.name(), args.logsKeyArn()).applyValue(t -> content(t.t1, t.t2)))
                // Deleting it silently turns session logging off for the whole account and Region.
                .build(), CustomResourceOptions.builder().parent(this).protect(args.protect()).build());
        this.logGroupName = group.name();
        registerOutputs(Map.of("logGroupName", logGroupName));
    }

    /** The Standard_Stream preferences document (schema: Session Manager "Session document schema"). */
    static String content(String logGroup, String keyArn) {
        var inputs = new LinkedHashMap<String, Object>();
        inputs.put("s3BucketName", "");
        inputs.put("s3KeyPrefix", "");
        inputs.put("s3EncryptionEnabled", true);
        inputs.put("cloudWatchLogGroupName", logGroup);
        // Sessions refuse to start if the group is not encrypted, so a transcript is never written in clear.
        inputs.put("cloudWatchEncryptionEnabled", true);
        inputs.put("cloudWatchStreamingEnabled", true);
        inputs.put("kmsKeyId", keyArn);
        inputs.put("runAsEnabled", false);
        inputs.put("runAsDefaultUser", "");
        inputs.put("idleSessionTimeout", Integer.toString(IDLE_SESSION_MINUTES));
        inputs.put("maxSessionDuration", Integer.toString(MAX_SESSION_MINUTES));
        var shell = new LinkedHashMap<String, String>();
        shell.put("linux", "");
        shell.put("windows", "");
        inputs.put("shellProfile", shell);
        var doc = new LinkedHashMap<String, Object>();
        doc.put("schemaVersion", "1.0");
        doc.put("description", "Session Manager preferences: transcripts to CloudWatch Logs, KMS-encrypted, idle sessions closed");
        doc.put("sessionType", "Standard_Stream");
        doc.put("inputs", inputs);
        return new GsonBuilder().disableHtmlEscaping().create().toJson(doc);
    }
}
