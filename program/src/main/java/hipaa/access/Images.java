package hipaa.access;

/** Images the access hosts run when the stack approves none of its own. */
public final class Images {
    private Images() {}

    /**
     * The latest Amazon Linux 2023 (x86_64, default kernel), from AWS's public SSM parameter. The program reads
     * it once per deployment and launches every host from that id, which is then the approved image AWS Config
     * checks (hipaa.wiring.Platform#approvedImages).
     */
    public static final String AMAZON_LINUX_2023_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
}
