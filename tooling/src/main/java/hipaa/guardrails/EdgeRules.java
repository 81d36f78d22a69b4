package hipaa.guardrails;

import hipaa.offline.RecordedResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static hipaa.guardrails.Types.*;

/** Load balancer, listener and CloudFront rules: how traffic reaches the application. */
final class EdgeRules {
    private EdgeRules() {}

    static final List<String> LOAD_BALANCERS = List.of(LB, ALB);
    static final List<String> LISTENERS = List.of(LB_LISTENER, ALB_LISTENER);
    /** ELB policies that allow only TLS 1.2 and 1.3 (the 2016-08 default and the TLS-1-1 policies also allow 1.0/1.1). */
    static final Pattern TLS12_POLICY = Pattern.compile("ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)(-.*)?");
    static final Pattern CLOUDFRONT_TLS12 = Pattern.compile("TLSv1\\.(2_\\d{4}|3(_\\d{4})?)");
    static final Set<String> TLS_PROTOCOLS = Set.of("HTTPS", "TLS");

    static final List<Rule> RULES = List.of(
            Rule.each("alb-http-to-https-redirection-check", Hipaa.IN_TRANSIT, LISTENERS,
                    "HTTP listeners do nothing but redirect to HTTPS; HTTPS listeners are the only ones serving traffic.",
                    "Give the HTTP listener one default action of type \"redirect\" with redirect.protocol \"HTTPS\" and statusCode \"HTTP_301\".",
                    EdgeRules::httpRedirectsOnly),
            Rule.each("elbv2-acm-certificate-required", Hipaa.IN_TRANSIT, LISTENERS,
                    "TLS listeners present a certificate managed (and renewed) by ACM.",
                    "Set certificateArn to an ACM certificate arn (aws:acm/certificate:Certificate).",
                    EdgeRules::acmCertificate),
            Rule.each("hipaa-alb-tls-policy", Hipaa.IN_TRANSIT, LISTENERS,
                    "TLS listeners use a security policy that allows only TLS 1.2 and 1.3.",
                    "Set sslPolicy(\"ELBSecurityPolicy-TLS13-1-2-2021-06\").",
                    EdgeRules::tlsPolicy),
            Rule.each("alb-http-drop-invalid-header-enabled", Hipaa.IN_TRANSIT, LOAD_BALANCERS,
                    "Application load balancers drop requests with invalid HTTP header fields.",
                    "Set dropInvalidHeaderFields(true).",
                    (r, g, c) -> applicationOnly(r).orElseGet(() -> DataRules.requireTrue(r, "dropInvalidHeaderFields"))),
            Rule.each("elb-deletion-protection-enabled", Hipaa.AVAILABILITY, LOAD_BALANCERS,
                    "Load balancers cannot be deleted while deletion protection is on.",
                    "Set enableDeletionProtection(true).",
                    (r, g, c) -> DataRules.requireTrue(r, "enableDeletionProtection")),
            Rule.each("elb-logging-enabled", Hipaa.AUDIT, LOAD_BALANCERS,
                    "Load balancers write access logs (client, request, latency, response) to S3.",
                    "Set accessLogs(LoadBalancerAccessLogsArgs.builder().bucket(<log bucket>).enabled(true)).",
                    EdgeRules::accessLogs),
            Rule.each("alb-waf-enabled", Hipaa.NETWORK_ACCESS, LOAD_BALANCERS,
                    "Each application load balancer is protected by a WAFv2 web ACL.",
                    "Add an aws:wafv2/webAclAssociation with resourceArn(alb.arn()) and webAclArn(acl.arn()).",
                    (r, g, c) -> applicationOnly(r).orElseGet(() -> g.webAclAssociationsOf(r).isEmpty()
                            ? Outcome.fail("no " + WEB_ACL_ASSOCIATION + " has resourceArn pointing at this load balancer")
                            : Outcome.pass("web ACL via " + g.webAclAssociationsOf(r).get(0).name()))),
            Rule.each("alb-desync-mode-check", Hipaa.IN_TRANSIT, LOAD_BALANCERS,
                    "HTTP desync mitigation is defensive or strictest (unset means defensive).",
                    "Leave desyncMitigationMode unset or set it to \"defensive\" or \"strictest\".",
                    EdgeRules::desyncMode),
            Rule.each("cloudfront-viewer-policy-https", Hipaa.IN_TRANSIT, List.of(CLOUDFRONT),
                    "Every cache behavior requires HTTPS between viewers and CloudFront.",
                    "Set viewerProtocolPolicy(\"redirect-to-https\") or \"https-only\" on the default and ordered cache behaviors.",
                    EdgeRules::viewerHttps),
            Rule.each("cloudfront-security-policy-check", Hipaa.IN_TRANSIT, List.of(CLOUDFRONT),
                    "Viewers must negotiate TLS 1.2 or newer (not the default certificate, which allows TLS 1.0).",
                    "Use an ACM certificate with viewerCertificate.minimumProtocolVersion(\"TLSv1.2_2021\").",
                    EdgeRules::cloudFrontTls),
            Rule.each("cloudfront-accesslogs-enabled", Hipaa.AUDIT, List.of(CLOUDFRONT),
                    "CloudFront writes standard access logs to S3.",
                    "Set loggingConfig(DistributionLoggingConfigArgs.builder().bucket(<log bucket domain name>)).",
                    (r, g, c) -> In.string(In.at(r.inputs(), "loggingConfig", "bucket")).isPresent() ? Outcome.pass()
                            : Outcome.fail("loggingConfig.bucket is not set")),
            Rule.each("cloudfront-associated-with-waf", Hipaa.NETWORK_ACCESS, List.of(CLOUDFRONT),
                    "Each distribution is protected by a WAF web ACL.",
                    "Set webAclId(<CLOUDFRONT-scoped web ACL arn>).",
                    (r, g, c) -> DataRules.requireSet(r, "webAclId")));

    /** The load balancer a listener belongs to, when it is declared in the stack. */
    static Optional<RecordedResource> loadBalancerOf(RecordedResource listener, ResourceGraph g) {
        return g.resolve(listener.inputs().get("loadBalancerArn"), LB, ALB);
    }

    /** Not-applicable for network and gateway load balancers; empty for application load balancers. */
    static Optional<Outcome> applicationOnly(RecordedResource lb) {
        var type = lb.string("loadBalancerType").orElse("application");
        return type.equals("application") ? Optional.empty()
                : Optional.of(Outcome.notApplicable(In.is("loadBalancerType", type)));
    }

    // An unset protocol means HTTP on an application load balancer (and TCP on a network one).
    static String protocol(RecordedResource listener, ResourceGraph g) {
        return listener.string("protocol").orElseGet(() -> loadBalancerOf(listener, g)
                .flatMap(EdgeRules::applicationOnly).isPresent() ? "TCP" : "HTTP");
    }

    static Outcome httpRedirectsOnly(RecordedResource listener, ResourceGraph g, GuardrailContext ctx) {
        var protocol = protocol(listener, g);
        if (!protocol.equals("HTTP")) {
            return Outcome.notApplicable("protocol is " + In.show(protocol));
        }
        var actions = In.maps(listener.inputs().get("defaultActions"));
        if (actions.isEmpty()) {
            return Outcome.fail("protocol is \"HTTP\" and defaultActions is not set");
        }
        for (var a : actions) {
            if (!"redirect".equals(a.get("type")) || !"HTTPS".equals(In.at(a, "redirect", "protocol"))) {
                var what = "redirect".equals(a.get("type")) ? "a redirect with " + In.is("redirect.protocol", In.at(a, "redirect", "protocol"))
                        : "of type " + In.show(a.get("type"));
                return Outcome.fail("protocol is \"HTTP\" and a default action is " + what + ", not a redirect to HTTPS");
            }
        }
        return Outcome.pass("redirects to HTTPS");
    }

    static Outcome acmCertificate(RecordedResource listener, ResourceGraph g, GuardrailContext ctx) {
        var protocol = protocol(listener, g);
        if (!TLS_PROTOCOLS.contains(protocol)) {
            return Outcome.notApplicable("protocol is " + In.show(protocol));
        }
        var cert = listener.inputs().get("certificateArn");
        if (In.string(cert).isEmpty()) {
            return Outcome.fail("certificateArn is not set");
        }
        var arn = String.valueOf(cert);
        return arn.contains(":acm:") || g.resolve(arn, ACM_CERTIFICATE).isPresent() ? Outcome.pass()
                : Outcome.fail(In.is("certificateArn", arn) + ", not an ACM certificate");
    }

    static Outcome tlsPolicy(RecordedResource listener, ResourceGraph g, GuardrailContext ctx) {
        var protocol = protocol(listener, g);
        if (!TLS_PROTOCOLS.contains(protocol)) {
            return Outcome.notApplicable("protocol is " + In.show(protocol));
        }
        var policy = listener.inputs().get("sslPolicy");
        if (policy == null) {
            return Outcome.fail("sslPolicy is not set, so AWS picks its default policy");
        }
        return TLS12_POLICY.matcher(String.valueOf(policy)).matches() ? Outcome.pass()
                : Outcome.fail(In.is("sslPolicy", policy) + ", which allows TLS versions below 1.2");
    }

    static Outcome accessLogs(RecordedResource lb, ResourceGraph g, GuardrailContext ctx) {
        var enabled = In.at(lb.inputs(), "accessLogs", "enabled");
        if (!In.isTrue(enabled)) {
            return Outcome.fail(In.is("accessLogs.enabled", enabled));
        }
        return In.string(In.at(lb.inputs(), "accessLogs", "bucket")).isPresent() ? Outcome.pass()
                : Outcome.fail("accessLogs.bucket is not set");
    }

    static Outcome desyncMode(RecordedResource lb, ResourceGraph g, GuardrailContext ctx) {
        var na = applicationOnly(lb);
        if (na.isPresent()) {
            return na.get();
        }
        var mode = lb.inputs().get("desyncMitigationMode");
        return mode == null || Set.of("defensive", "strictest").contains(String.valueOf(mode)) ? Outcome.pass()
                : Outcome.fail(In.is("desyncMitigationMode", mode));
    }

    static Outcome viewerHttps(RecordedResource dist, ResourceGraph g, GuardrailContext ctx) {
        var problems = new ArrayList<String>();
        var def = In.at(dist.inputs(), "defaultCacheBehavior", "viewerProtocolPolicy");
        if (!isHttpsPolicy(def)) {
            problems.add(In.is("defaultCacheBehavior.viewerProtocolPolicy", def));
        }
        for (var b : In.maps(dist.inputs().get("orderedCacheBehaviors"))) {
            if (!isHttpsPolicy(b.get("viewerProtocolPolicy"))) {
                problems.add("orderedCacheBehaviors[" + In.show(b.get("pathPattern")) + "]." + In.is("viewerProtocolPolicy", b.get("viewerProtocolPolicy")));
            }
        }
        return problems.isEmpty() ? Outcome.pass() : Outcome.fail(String.join("; ", problems));
    }

    private static boolean isHttpsPolicy(Object v) {
        return "redirect-to-https".equals(v) || "https-only".equals(v);
    }

    static Outcome cloudFrontTls(RecordedResource dist, ResourceGraph g, GuardrailContext ctx) {
        var cert = In.map(dist.inputs().get("viewerCertificate"));
        if (In.isTrue(cert.get("cloudfrontDefaultCertificate"))) {
            return Outcome.fail("viewerCertificate.cloudfrontDefaultCertificate is true, which allows TLS 1.0");
        }
        var min = cert.get("minimumProtocolVersion");
        return min != null && CLOUDFRONT_TLS12.matcher(String.valueOf(min)).matches() ? Outcome.pass()
                : Outcome.fail(In.is("viewerCertificate.minimumProtocolVersion", min));
    }
}
