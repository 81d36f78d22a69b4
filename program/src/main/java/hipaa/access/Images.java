package hipaa.access;

/** Images the access hosts run when the stack approves none of its own. */
public final class Images {
    private Images() {}

    /**
     * The latest Amazon Linux 2023 (x86_64, default kernel), from AWS's public SSM parameter. A launch
     * template resolves it at every launch, so each new instance starts from the newest image without a
     * data-source call or a template change.
     */
    public static final String AMAZON_LINUX_2023_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

    /** {@link #AMAZON_LINUX_2023_PARAMETER} as a launch template's image id. */
    public static final String AMAZON_LINUX_2023 = "resolve:ssm:" + AMAZON_LINUX_2023_PARAMETER;
}
