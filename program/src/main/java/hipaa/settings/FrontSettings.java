package hipaa.settings;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The optional static front: CloudFront over a private S3 bucket, with the API path sent to the ALB.
 *
 * <p>Off unless a stack turns it on, so nothing is public unless asked for. When on, the domain, the
 * existing hosted zone and an ACM certificate in us-east-1 (the only Region CloudFront reads certificates
 * from) are required.
 *
 * @param enabled             whether the front exists at all
 * @param domain              the front's DNS name, e.g. {@code app.example.com}; the API gets {@code api.} + domain
 * @param hostedZoneId        the existing Route 53 hosted zone the records go into
 * @param certificateArn      ACM certificate in us-east-1 covering the domain and the aliases; {@code api.} + domain is
 *                            the load balancer's name, so {@code hipaa:certificateArn} must cover it instead
 * @param aliases             extra names the distribution answers for (the domain is always one)
 * @param apiPathPattern      the path pattern sent to the ALB
 * @param viewerProtocolPolicy {@code https-only} or {@code redirect-to-https}: plain HTTP is never served
 * @param defaultRootObject   the object served for {@code /}
 */
public record FrontSettings(boolean enabled, String domain, String hostedZoneId, String certificateArn,
                            List<String> aliases, String apiPathPattern, String viewerProtocolPolicy,
                            String defaultRootObject) {

    static final Pattern DOMAIN = Pattern.compile("(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    static final String DOMAIN_RULE = "a lowercase DNS name such as app.example.com";
    static final Pattern ZONE = Pattern.compile("Z[A-Z0-9]{1,31}");
    static final String ZONE_RULE = "a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ";
    /** Any ACM certificate ARN: the Region is checked separately so the message can say why. */
    static final Pattern CERT = Pattern.compile("arn:aws(-[a-z]+)?:acm:([a-z]{2}(-gov)?-[a-z]+-\\d):\\d{12}:certificate/[0-9a-f-]{36}");
    static final String CERT_RULE = "an ACM certificate ARN, arn:aws:acm:us-east-1:<account>:certificate/<id>";
    static final Pattern PATH = Pattern.compile("/[A-Za-z0-9_.\\-/]*\\*?");
    static final Pattern OBJECT = Pattern.compile("[A-Za-z0-9_.\\-][A-Za-z0-9_.\\-/]{0,254}");
    /** CloudFront reads viewer certificates only from this Region. */
    public static final String CERTIFICATE_REGION = "us-east-1";

    static FrontSettings read(SettingsReader r) {
        boolean enabled = r.bool("frontEnabled", false);
        var domain = r.optionalString("frontDomain", DOMAIN, DOMAIN_RULE);
        var zone = r.optionalString("frontHostedZoneId", ZONE, ZONE_RULE);
        var cert = r.optionalString("frontCertificateArn", CERT, CERT_RULE);
        var aliases = r.stringList("frontAliases", List.of(), 0, 10, s -> DOMAIN.matcher(s).matches(),
                "DNS names the certificate covers, besides hipaa:frontDomain");
        var api = r.string("frontApiPathPattern", "/api/*", PATH, "a CloudFront path pattern starting with /, such as /api/*");
        var viewer = r.choice("frontViewerProtocolPolicy", "redirect-to-https", List.of("redirect-to-https", "https-only"));
        var root = r.string("frontDefaultRootObject", "index.html", OBJECT, "an object key such as index.html");

        cert.ifPresent(arn -> {
            var m = CERT.matcher(arn);
            if (m.matches() && !CERTIFICATE_REGION.equals(m.group(2))) {
                r.problem("frontCertificateArn", arn, "a certificate in " + CERTIFICATE_REGION
                        + ": CloudFront reads viewer certificates only from " + CERTIFICATE_REGION
                        + "; request or import the certificate there");
            }
        });
        if (enabled) {
            if (domain.isEmpty()) {
                r.missing("frontDomain", "required when hipaa:frontEnabled is true: " + DOMAIN_RULE);
            }
            if (zone.isEmpty()) {
                r.missing("frontHostedZoneId", "required when hipaa:frontEnabled is true: " + ZONE_RULE);
            }
            if (cert.isEmpty()) {
                r.missing("frontCertificateArn", "required when hipaa:frontEnabled is true: " + CERT_RULE);
            }
        }
        return new FrontSettings(enabled, domain.orElse(""), zone.orElse(""), cert.orElse(""), aliases, api,
                viewer, root);
    }

    /** The API's record name. */
    public String apiDomain() {
        return "api." + domain;
    }

    /** Every name the distribution answers for: the domain first, then the extra aliases. */
    public List<String> allAliases() {
        var all = new java.util.ArrayList<String>();
        all.add(domain);
        aliases.stream().filter(a -> !a.equals(domain)).forEach(all::add);
        return List.copyOf(all);
    }

}
