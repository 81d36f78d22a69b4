package hipaa.testing;

import hipaa.offline.StackFiles;

import java.util.HashMap;
import java.util.Map;

/** The keys that turn the static front on with a domain, a hosted zone and a us-east-1 certificate. */
public final class FrontConfig {
    private FrontConfig() {}

    public static final String CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9";

    /** A fresh, mutable map: callers add or override keys. */
    public static Map<String, String> on() {
        var m = new HashMap<String, String>();
        m.put("hipaa:frontEnabled", "true");
        m.put("hipaa:frontDomain", "app.example.com");
        m.put("hipaa:frontHostedZoneId", "Z0123456789ABCDEFGHIJ");
        m.put("hipaa:frontCertificateArn", CERT);
        return m;
    }

    /** The real prod stack with the front on: the third stack the snapshot, the Config rules and the simulator judge. */
    public static StackFiles.StackConfig prod() {
        return Stacks.with("prod", on());
    }
}
