package hipaa.wiring;

import com.pulumi.Context;
import hipaa.edge.StaticFront;
import hipaa.settings.FrontSettings;

import java.util.Optional;

/**
 * The optional static front: CloudFront over a private bucket, the API path sent to the load balancer.
 *
 * @param front the front, when the stack asks for it
 */
public record FrontWiring(Optional<StaticFront> front) {

    /**
     * The front, when the stack asks for it. CLOUDFRONT-scope web ACLs exist only in us-east-1, so the front
     * gets a second explicit provider there, tagged like the main one; everything else in it is global
     * (CloudFront, Route 53) or in the stack's Region (its buckets, through the main provider).
     */
    public static FrontWiring create(Platform platform, EdgeWiring edge, AuditWiring audit) {
        var settings = platform.settings();
        var f = settings.front();
        if (!f.enabled()) {
            return new FrontWiring(Optional.empty());
        }
        var usEast1 = Platform.provider("aws-us-east-1", FrontSettings.CERTIFICATE_REGION, settings);
        return new FrontWiring(Optional.of(new StaticFront("front", new StaticFront.Args(platform.naming(),
                new StaticFront.Site(f.domain(), f.hostedZoneId(), f.certificateArn(), f.allAliases(),
                        f.viewerProtocolPolicy(), f.defaultRootObject()),
                new StaticFront.Api(f.apiPathPattern(), edge.alb().dnsName, edge.alb().zoneId, edge.alb().dualStack),
                new StaticFront.Firewall(settings.app().edge().wafRateLimit(), settings.app().edge().wafLogRetentionDays()),
                audit.audit().accessLogBucketName, usEast1, platform.protect()), platform.opts())));
    }

    /** Exported only by a stack with hipaa:frontEnabled (docs/OUTPUTS.md, optional outputs). */
    public void export(Context ctx) {
        front.ifPresent(f -> {
            ctx.export("frontDistributionId", f.distributionId);
            ctx.export("frontDistributionDomainName", f.distributionDomainName);
            ctx.export("frontContentBucketName", f.contentBucketName);
            ctx.export("frontLogBucketName", f.logBucketName);
            ctx.export("frontRecordNames", f.recordNames);
        });
    }
}
