package hipaa.settings;

/**
 * What the program knows about one config key: how it is typed, its default and the rule it obeys.
 * The reader records one per key it reads; {@code docs/CONFIG.md} is generated from them.
 *
 * @param key          full key, e.g. {@code hipaa:natStrategy}
 * @param type         {@code string}, {@code integer}, {@code boolean} or {@code array}, as in Pulumi.yaml
 * @param defaultValue the default in code, or {@code (required)}
 * @param rule         what values are allowed
 */
public record KeyDoc(String key, String type, String defaultValue, String rule) {}
