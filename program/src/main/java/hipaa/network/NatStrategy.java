package hipaa.network;

/** How private subnets reach the internet. One choice instead of interacting booleans. */
public enum NatStrategy {
    /** One NAT gateway in each AZ: an AZ outage does not cut the other AZs off. */
    PER_AZ("perAz"),
    /** One NAT gateway shared by every AZ: cheaper, a single point of failure. */
    SINGLE("single"),
    /** No NAT: private subnets reach AWS only through VPC endpoints. */
    NONE("none");

    /** How the strategy is written in a stack file. */
    public final String configValue;

    NatStrategy(String configValue) {
        this.configValue = configValue;
    }

    public static NatStrategy fromConfig(String v) {
        for (var s : values()) {
            if (s.configValue.equals(v)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown NAT strategy " + v);
    }
}
