package hipaa.access;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The bastion's user data ({@code hipaa/access/bastion-user-data.sh}) and the typed values it is rendered from.
 *
 * @param region            the Region, for the AWS CLI and the CloudWatch agent
 * @param sshLogGroup       log group that receives {@code /var/log/secure} (sshd's successes and failures)
 * @param eipAllocationId   the Elastic IP the instance takes at boot; empty when the bastion has none
 * @param idleLogoutSeconds shells idle this long are closed (automatic logoff)
 * @param groupName         the instance's Auto Scaling group, which replaces it when first boot fails
 */
public record BastionScript(String region, String sshLogGroup, Optional<String> eipAllocationId, int idleLogoutSeconds,
                            String groupName) {

    static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");
    static final Pattern LOG_GROUP = Pattern.compile("/[A-Za-z0-9_./-]{1,510}");
    static final Pattern ALLOCATION_ID = Pattern.compile("(eipalloc-[0-9a-f]{8,17})?");
    static final Pattern SECONDS = Pattern.compile("[1-9][0-9]{1,4}");
    static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9._-]{1,255}");

    /** The script cloud-init runs, every placeholder filled. */
    public String render() {
        return ShellTemplate.load("bastion-user-data.sh")
                .word("REGION", region, REGION)
                .word("SSH_LOG_GROUP", sshLogGroup, LOG_GROUP)
                .word("EIP_ALLOCATION_ID", eipAllocationId.orElse(""), ALLOCATION_ID)
                .word("IDLE_LOGOUT_SECONDS", Integer.toString(idleLogoutSeconds), SECONDS)
                .word("GROUP_NAME", groupName, GROUP_NAME)
                .render();
    }
}
