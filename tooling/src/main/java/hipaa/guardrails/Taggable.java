package hipaa.guardrails;

import com.pulumi.core.annotations.Import;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a resource type takes {@code tags}, read from the pulumi-aws jar itself: the type token
 * {@code aws:<module>/<camel>:<Name>} names the class {@code com.pulumi.aws.<module>.<Name>Args},
 * and a type is taggable when that class has an {@code @Import(name = "tags")} field. The class
 * is only loaded, never initialized, so no Pulumi runtime is involved.
 */
final class Taggable {
    private Taggable() {}

    private static final Map<String, Boolean> CACHE = new ConcurrentHashMap<>();

    static boolean supportsTags(String type) {
        return CACHE.computeIfAbsent(type, Taggable::lookup);
    }

    /** {@code aws:s3/bucketV2:BucketV2} becomes {@code com.pulumi.aws.s3.BucketV2Args}. */
    static String argsClassName(String type) {
        var parts = type.split(":");
        if (parts.length != 3 || !parts[0].equals("aws") || !parts[1].contains("/")) {
            return null;
        }
        var module = parts[1].substring(0, parts[1].indexOf('/'));
        return "com.pulumi.aws." + (module.equals("index") ? "" : module + ".") + parts[2] + "Args";
    }

    private static Boolean lookup(String type) {
        var name = argsClassName(type);
        if (name == null) {
            return false;
        }
        try {
            var cls = Class.forName(name, false, Taggable.class.getClassLoader());
            for (var f : cls.getDeclaredFields()) {
                var imp = f.getAnnotation(Import.class);
                if (imp != null && imp.name().equals("tags")) {
                    return true;
                }
            }
            return false;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
