package hipaa.plan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The price table ({@code hipaa/plan/prices.tsv}) and the pricing rules per type token
 * ({@code hipaa/plan/pricing-rules.tsv}), kept as data so a price or a newly priced type is one reviewed
 * line; the source and date of the prices are written in the table itself.
 */
record Prices(List<String> regions, Map<String, Map<String, double[]>> rates, Map<String, Rule> rules,
              List<String> header) {

    /** How one type token is priced; {@code usage} names what the estimate leaves out. */
    record Rule(String type, String rule, String usage) {}

    static final double HOURS_PER_MONTH = 730;

    static Prices load() {
        var rates = new LinkedHashMap<String, Map<String, double[]>>();
        var regions = new ArrayList<String>();
        var header = new ArrayList<String>();
        for (var line : lines("/hipaa/plan/prices.tsv")) {
            if (line.startsWith("# rate\t")) {
                var cols = line.substring(2).split("\t");
                regions.addAll(List.of(cols).subList(3, cols.length - 2));
                continue;
            }
            if (line.startsWith("#")) {
                header.add(line.substring(1).trim());
                continue;
            }
            var f = line.split("\t");
            var values = new double[regions.size()];
            for (int i = 0; i < regions.size(); i++) {
                values[i] = Double.parseDouble(f[3 + i]);
            }
            if (rates.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], values) != null) {
                throw new IllegalStateException("prices.tsv: duplicate rate " + f[0] + " " + f[1]);
            }
        }
        var rules = new LinkedHashMap<String, Rule>();
        for (var line : lines("/hipaa/plan/pricing-rules.tsv")) {
            if (line.startsWith("#")) {
                continue;
            }
            var f = line.split("\t");
            if (rules.put(f[0], new Rule(f[0], f[1], f.length > 2 ? f[2] : "")) != null) {
                throw new IllegalStateException("pricing-rules.tsv: duplicate type " + f[0]);
            }
        }
        return new Prices(List.copyOf(regions), Collections.unmodifiableMap(rates), Collections.unmodifiableMap(rules),
                List.copyOf(header));
    }

    /** The rate in a Region, empty when the table has no such rate, key or Region. */
    OptionalDouble rate(String rate, String key, String region) {
        int i = regions.indexOf(region);
        var byKey = rates.getOrDefault(rate, Map.of()).get(key);
        return i < 0 || byKey == null ? OptionalDouble.empty() : OptionalDouble.of(byKey[i]);
    }

    Optional<Rule> rule(String type) {
        return Optional.ofNullable(rules.get(type));
    }

    private static List<String> lines(String resource) {
        var in = Objects.requireNonNull(Prices.class.getResourceAsStream(resource), resource);
        var out = new ArrayList<String>();
        try (var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    out.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
