package hipaa.wiring;

import com.pulumi.Context;
import com.pulumi.core.Output;
import hipaa.access.SessionLogging;
import hipaa.alerting.OperationalAlarms;
import hipaa.compute.Ec2AppGroup;
import hipaa.compute.FargateService;
import hipaa.identity.Keys;
import hipaa.network.Network;

import java.util.Map;
import java.util.Optional;

/**
 * The application behind the load balancer: the Fargate service, the EC2 group, or both.
 *
 * @param fargate    the Fargate service, when the stack runs one
 * @param ec2        the EC2 group, when the stack runs one
 * @param ec2MinSize the group's minimum, below which its in-service alarm fires
 */
public record ComputeWiring(Optional<FargateService> fargate, Optional<Ec2AppGroup> ec2, int ec2MinSize) {

    public static ComputeWiring create(Platform platform, Keys keys, NetworkWiring network, EdgeWiring edge,
                                       SessionLogging sessions) {
        var settings = platform.settings();
        var app = settings.app();
        var subnets = network.production().placement(Network.APP);
        var fargate = Optional.<FargateService>empty();
        if (app.fargate().enabled()) {
            var f = app.fargate();
            // Secrets the app may read, by environment variable (e.g. DB_SECRET); empty until the app gets database
            // credentials of its own (the master secret is the administrators', not the app's).
            Map<String, Output<String>> secrets = Map.of();
            fargate = Optional.of(new FargateService("app", new FargateService.Args(platform.naming(), subnets,
                    edge.target(EdgeWiring.FARGATE),
                    new FargateService.Container(f.image(), f.repositoryArn(settings.partition()), f.cpu(), f.memoryMiB(),
                            secrets, app.logRetentionDays()),
                    new FargateService.Scaling(f.desiredCount(), f.minCount(), f.maxCount(), f.cpuTargetPercent(),
                            f.requestsPerTarget(), edge.alb().requestCountLabels.get(EdgeWiring.FARGATE)),
                    keys), platform.opts()));
        }
        var ec2 = Optional.<Ec2AppGroup>empty();
        if (app.ec2().enabled()) {
            var e = app.ec2();
            ec2 = Optional.of(new Ec2AppGroup("app-ec2", new Ec2AppGroup.Args(platform.naming(), subnets,
                    edge.target(EdgeWiring.EC2),
                    new Ec2AppGroup.Instances(e.appImageId().orElse(platform.image()), e.appUserData(),
                            e.instanceType(), e.rootVolumeGiB(), settings.tags()),
                    new Ec2AppGroup.Scaling(e.minSize(), e.maxSize(), e.desiredCapacity(), e.cpuTargetPercent()),
                    keys, sessions), platform.opts()));
        }
        return new ComputeWiring(fargate, ec2, app.ec2().minSize());
    }

    public Optional<OperationalAlarms.EcsService> watchedService() {
        return fargate.map(f -> new OperationalAlarms.EcsService(f.clusterName, f.serviceName));
    }

    public Optional<OperationalAlarms.AutoScalingGroup> watchedGroup() {
        return ec2.map(g -> new OperationalAlarms.AutoScalingGroup(g.autoScalingGroupName, ec2MinSize));
    }

    public void export(Context ctx) {
        fargate.ifPresent(f -> {
            ctx.export("appClusterName", f.clusterName);
            ctx.export("appServiceName", f.serviceName);
            ctx.export("appLogGroupName", f.logGroupName);
            ctx.export("appTaskRoleArn", f.taskRoleArn);
            ctx.export("appServiceSecurityGroupId", f.securityGroupId);
        });
        ec2.ifPresent(g -> {
            ctx.export("appAutoScalingGroupName", g.autoScalingGroupName);
            ctx.export("appInstanceSecurityGroupId", g.securityGroupId);
        });
    }
}
