package hipaa.plan.bench;

import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import hipaa.offline.OfflineRun;
import hipaa.offline.StackFiles;

import java.util.Map;
import java.util.Set;

/**
 * The benchmark's floor (bench/plan.sh): the same JVM, SDK and offline engine as the plan, running a program
 * that registers one resource. Whatever the plan costs above this is the plan's own work.
 */
public final class FloorProgram {
    private FloorProgram() {}

    public static void main(String[] args) {
        var config = new StackFiles.StackConfig("hipaa", "floor", Map.of("aws:region", "us-east-1"), Set.of());
        var run = OfflineRun.run(config, true, ctx -> new Vpc("floor-vpc", VpcArgs.builder().cidrBlock("10.0.0.0/16").build()));
        System.out.println("floor: " + run.resources().size() + " resource, exit " + run.result().exitCode());
        System.exit(run.succeeded() ? 0 : 1);
    }
}
