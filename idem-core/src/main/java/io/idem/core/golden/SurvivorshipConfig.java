package io.idem.core.golden;

import io.idem.core.IdemException;
import io.idem.core.model.FieldKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-attribute survivorship rules and the source priority list. The file format is one
 * {@code key = value} per line, {@code #} comments:
 *
 * <pre>
 * source_priority = fidelizacion, ecommerce, tienda
 * default = most_recent
 * birth_date = most_frequent
 * first_name = source_priority
 * </pre>
 *
 * Every tie falls back to source priority, then most recent, then alphabetical order, so the
 * choice never depends on the order records are listed in.
 */
public record SurvivorshipConfig(Map<FieldKind, Rule> rules, Rule defaultRule, List<String> sourcePriority) {

    public SurvivorshipConfig {
        rules = Map.copyOf(rules);
        sourcePriority = List.copyOf(sourcePriority);
    }

    /**
     * Defaults: names from the most trusted source (what customers typed themselves in the loyalty
     * programme or the web shop beats what a clerk typed), birth date and gender by majority (a
     * typo is rarer than the truth), where the person lives by most recent (people move), the rest
     * by most recent.
     */
    public static SurvivorshipConfig defaults() {
        Map<FieldKind, Rule> r = new EnumMap<>(FieldKind.class);
        r.put(FieldKind.FIRST_NAME, Rule.SOURCE_PRIORITY);
        r.put(FieldKind.LAST_NAME, Rule.SOURCE_PRIORITY);
        r.put(FieldKind.FULL_NAME, Rule.SOURCE_PRIORITY);
        r.put(FieldKind.BIRTH_DATE, Rule.MOST_FREQUENT);
        r.put(FieldKind.GENDER, Rule.MOST_FREQUENT);
        for (FieldKind k : List.of(FieldKind.ADDRESS, FieldKind.STREET_NUMBER, FieldKind.CITY, FieldKind.POSTCODE,
                FieldKind.REGION, FieldKind.COUNTRY)) {
            r.put(k, Rule.MOST_RECENT);
        }
        return new SurvivorshipConfig(r, Rule.MOST_RECENT, List.of("fidelizacion", "ecommerce", "tienda"));
    }

    public Rule ruleFor(FieldKind kind) {
        return rules.getOrDefault(kind, defaultRule);
    }

    /** Rank of a source: lower is more trusted; unlisted sources rank after all listed ones. */
    public int rank(String source) {
        int i = sourcePriority.indexOf(source);
        return i < 0 ? sourcePriority.size() : i;
    }

    /** Reads a file on top of the defaults; errors name the file, line and key. */
    public static SurvivorshipConfig load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IdemException.Configuration("cannot read survivorship file " + file + ": " + e.getMessage());
        }
        SurvivorshipConfig d = defaults();
        Map<FieldKind, Rule> rules = new EnumMap<>(FieldKind.class);
        rules.putAll(d.rules());
        Rule def = d.defaultRule();
        List<String> priority = d.sourcePriority();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            if (line.isBlank()) {
                continue;
            }
            String where = file + ":" + (i + 1);
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IdemException.Configuration(where + ": expected 'key = value', found '" + line.trim() + "'");
            }
            String key = line.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(eq + 1).trim();
            switch (key) {
                case "source_priority" -> priority = new ArrayList<>(Arrays.stream(value.split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).toList());
                case "default" -> def = Rule.parse(value, where + " 'default'");
                default -> {
                    FieldKind kind;
                    try {
                        kind = FieldKind.parse(key);
                    } catch (IdemException e) {
                        throw new IdemException.Configuration(where + ": unknown attribute '" + key + "'");
                    }
                    if (kind.group() != FieldKind.Group.PERSON) {
                        throw new IdemException.Configuration(where + ": '" + key
                                + "' is not a person attribute; survivorship applies to names, dates, address...");
                    }
                    rules.put(kind, Rule.parse(value, where + " '" + key + "'"));
                }
            }
        }
        return new SurvivorshipConfig(rules, def, priority);
    }
}
