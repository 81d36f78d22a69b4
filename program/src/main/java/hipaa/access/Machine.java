package hipaa.access;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an access host runs on.
 *
 * @param imageId      the image: an AMI id, or for an autoscaling group's launch template {@code resolve:ssm:...}
 * @param instanceType EC2 instance type
 * @param instanceTags the stack's tags, for the instance and its volume (provider default tags do not reach them)
 */
public record Machine(String imageId, String instanceType, Map<String, String> instanceTags) {
    public Machine {
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(instanceType, "instanceType");
        instanceTags = Collections.unmodifiableMap(new LinkedHashMap<>(instanceTags));
    }
}
