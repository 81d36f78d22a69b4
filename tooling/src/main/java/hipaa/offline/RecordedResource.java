package hipaa.offline;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One resource as the program registered it: what {@code pulumi preview} would send to the engine.
 *
 * <p>{@code inputs} are keyed by the provider schema's wire names in camelCase ({@code cidrBlock},
 * {@code storageEncrypted}); numbers arrive as {@link Double}, nested arguments as {@link Map},
 * lists as {@link List}, and unknown or null inputs are absent. Component resources have empty inputs.
 *
 * <p>{@code state} is what the offline engine answered: the inputs plus the attributes AWS would
 * compute that the program reads (for example {@code arn}). Values that point at another resource
 * (a bucket policy's {@code bucket}, an association's {@code resourceArn}) hold that resource's
 * {@code id} or {@code state.arn}, so checks can follow them.
 *
 * @param type     type token, e.g. {@code aws:ec2/vpc:Vpc} or {@code hipaa:network:VpcNetwork}
 * @param name     logical name, unique per type within the stack
 * @param id       the physical id the offline engine assigned ({@code <name>-id}); empty for components
 * @param parent   logical name and type of the parent, empty for top-level resources
 * @param provider the provider reference ({@code urn::id}), empty for components and the default provider
 * @param inputs   declared inputs, never null
 * @param state    inputs plus computed attributes, never null
 */
public record RecordedResource(String type, String name, String id, Optional<Parent> parent, String provider,
                               Map<String, Object> inputs, Map<String, Object> state) {

    public RecordedResource {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parent, "parent");
        id = id == null ? "" : id;
        provider = provider == null ? "" : provider;
        inputs = inputs == null ? Map.of() : inputs;
        state = state == null ? inputs : state;
    }

    /** The ARN the offline engine gave this resource, when it has one. */
    public Optional<String> arn() {
        return Optional.ofNullable(state.get("arn")).map(String::valueOf);
    }

    /** The parent's identity: type token and logical name. */
    public record Parent(String type, String name) {}

    /** True for AWS resources managed through a provider (not components, not providers). */
    public boolean isCustomAws() {
        return type.startsWith("aws:");
    }

    /** A display id: {@code name (type)}, as reports name a resource. */
    public String label() {
        return name + " (" + type + ")";
    }

    public Optional<Object> input(String key) {
        return Optional.ofNullable(inputs.get(key));
    }

    public Optional<String> string(String key) {
        return input(key).map(String::valueOf);
    }

    public boolean isTrue(String key) {
        return Boolean.TRUE.equals(inputs.get(key));
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String key) {
        var v = inputs.get(key);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(String key) {
        var v = inputs.get(key);
        return v instanceof List<?> l ? (List<Object>) l : List.of();
    }

    public Optional<Integer> integer(String key) {
        return input(key).filter(Number.class::isInstance).map(n -> ((Number) n).intValue());
    }
}
