package hipaa.plan;

import hipaa.offline.OfflineRun;
import hipaa.offline.RecordedResource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The settings of a resource a reviewer looks at first (encryption, exposure, size, protection), picked
 * by the provider's wire names wherever they occur in the inputs, so a resource type that lands later
 * shows its settings with no code change. References are shown by the referenced resource's name.
 */
final class KeySettings {
    private KeySettings() {}

    /** Wire names per aspect, in the order they are shown. */
    static final Map<String, List<String>> ASPECTS = aspects();

    private static Map<String, List<String>> aspects() {
        var m = new LinkedHashMap<String, List<String>>();
        m.put("encryption", List.of("storageEncrypted", "encrypted", "kmsKeyId", "kmsKeyArn", "kmsMasterKeyId",
                "s3KmsKeyArn", "masterUserSecretKmsKeyId", "performanceInsightsKmsKeyId", "sseAlgorithm",
                "enableKeyRotation", "protocol", "sslPolicy", "certificateArn", "enableLogFileValidation"));
        m.put("exposure", List.of("publiclyAccessible", "internal", "scheme", "mapPublicIpOnLaunch", "associatePublicIpAddress",
                "assignPublicIp", "cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId", "ipProtocol", "fromPort",
                "toPort", "port", "vpcEndpointType", "serviceName", "destinationCidrBlock", "trafficType", "blockPublicAcls",
                "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets", "httpTokens", "isMultiRegionTrail"));
        m.put("size", List.of("cidrBlock", "instanceClass", "instanceType", "engine", "engineVersion", "allocatedStorage",
                "maxAllocatedStorage", "storageType", "multiAz", "volumeSize", "volumeType", "cpu", "memory", "desiredCount",
                "desiredCapacity", "minSize", "maxSize", "loadBalancerType"));
        m.put("protection", List.of("deletionProtection", "enableDeletionProtection", "skipFinalSnapshot", "deletionWindowInDays",
                "retentionInDays", "backupRetentionPeriod", "recoveryWindowInDays", "forceDestroy", "objectLockEnabled"));
        return java.util.Collections.unmodifiableMap(m);
    }

    private static final Set<String> ALL = ASPECTS.values().stream().flatMap(List::stream).collect(Collectors.toSet());

    /** Names that mean something else when nested (a network ACL entry's protocol, port and cidrBlock are rules). */
    private static final Set<String> TOP_LEVEL_ONLY = Set.of("protocol", "port", "cidrBlock", "fromPort", "toPort");

    /** Aspect to {@code name=value} entries; aspects with nothing to show are absent. */
    static Map<String, List<String>> of(RecordedResource r, OfflineRun.Protection protection, ResourceIndex index) {
        var found = new LinkedHashMap<String, List<String>>();
        collect(r.inputs(), index, found, true);
        var out = new LinkedHashMap<String, List<String>>();
        ASPECTS.forEach((aspect, keys) -> {
            var entries = new ArrayList<String>();
            for (var key : keys) {
                var values = found.get(key);
                if (values != null) {
                    entries.add(key + "=" + String.join(",", values.stream().distinct().toList()));
                }
            }
            if (aspect.equals("protection")) {
                if (protection.protect()) {
                    entries.add(0, "protect");
                }
                if (protection.retainOnDelete()) {
                    entries.add(protection.protect() ? 1 : 0, "retainOnDelete");
                }
            }
            if (!entries.isEmpty()) {
                out.put(aspect, List.copyOf(entries));
            }
        });
        return out;
    }

    private static void collect(Object value, ResourceIndex index, Map<String, List<String>> found, boolean top) {
        if (value instanceof Map<?, ?> m) {
            new java.util.TreeMap<>(ResourceIndex.stringKeys(m)).forEach((key, v) -> {
                if (ALL.contains(key) && !(v instanceof Map<?, ?>) && (top || !TOP_LEVEL_ONLY.contains(key))) {
                    var list = found.computeIfAbsent(key, x -> new ArrayList<>());
                    if (v instanceof List<?> l) {
                        l.forEach(item -> list.add(show(item, index)));
                    } else {
                        list.add(show(v, index));
                    }
                } else {
                    collect(v, index, found, false);
                }
            });
        } else if (value instanceof List<?> l) {
            l.forEach(v -> collect(v, index, found, false));
        }
    }

    private static String show(Object v, ResourceIndex index) {
        if (v instanceof Double d && d == Math.rint(d)) {
            return Long.toString(d.longValue());
        }
        return index.resolve(v).map(RecordedResource::name).orElse(String.valueOf(v));
    }

    /** One line: {@code encryption: kmsKeyId=kms-logs; protection: retentionInDays=365}. */
    static String line(Map<String, List<String>> settings) {
        return settings.entrySet().stream().map(e -> e.getKey() + ": " + String.join(", ", e.getValue()))
                .collect(Collectors.joining("; "));
    }
}
