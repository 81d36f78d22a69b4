package hipaa.settings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Regions this program accepts, read from {@code hipaa/regions.tsv} (source and date are written there).
 *
 * <p>Kept as data rather than asked of AWS because settings are validated before anything, including
 * the provider, is registered; the program still asks AWS for the zone names at deploy time.
 */
public final class Regions {

    public record Region(String name, String partition, int availabilityZones) {}

    private static final Map<String, Region> ALL = load();

    private Regions() {}

    public static Optional<Region> find(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    public static Map<String, Region> all() {
        return ALL;
    }

    private static Map<String, Region> load() {
        var in = Objects.requireNonNull(Regions.class.getResourceAsStream("/hipaa/regions.tsv"), "hipaa/regions.tsv");
        var out = new LinkedHashMap<String, Region>();
        try (var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                var f = line.split("\t");
                out.put(f[0], new Region(f[0], f[1], Integer.parseInt(f[2])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(out);
    }
}
