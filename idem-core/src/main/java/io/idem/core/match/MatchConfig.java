package io.idem.core.match;

import io.idem.core.IdemException;

/**
 * Settings of fuzzy matching.
 *
 * @param enabled whether records are compared at all (off: exact identifiers only)
 * @param matchThreshold match probability from which a pair is linked automatically
 * @param reviewThreshold match probability from which a pair below the match threshold goes to
 *     the review queue; below it the records are distinct
 * @param priorBits log2 of the prior odds that two records sharing a blocking key are one person
 * @param maxBlock blocks holding more records than this are too common to compare within (a key
 *     like a very common name with no other information); the records stay reachable through
 *     their other keys
 */
public record MatchConfig(boolean enabled, double matchThreshold, double reviewThreshold, double priorBits,
        int maxBlock) {

    public MatchConfig {
        if (!(matchThreshold > 0 && matchThreshold < 1)) {
            throw new IdemException.Configuration("'match.matchThreshold' must be between 0 and 1, was "
                    + matchThreshold);
        }
        if (!(reviewThreshold > 0 && reviewThreshold <= matchThreshold)) {
            throw new IdemException.Configuration("'match.reviewThreshold' must be above 0 and at most"
                    + " 'match.matchThreshold' (" + matchThreshold + "), was " + reviewThreshold);
        }
        if (maxBlock < 2) {
            throw new IdemException.Configuration("'match.maxBlock' must be at least 2, was " + maxBlock);
        }
    }

    /** Defaults tuned on the project's own generator (see BENCHMARKS.md), never on benchmark files. */
    public static MatchConfig defaults() {
        return new MatchConfig(true, 0.99, 0.25, -12, 30);
    }

    /** Exact identifiers only. */
    public static MatchConfig off() {
        return new MatchConfig(false, 0.99, 0.25, -12, 30);
    }

    public MatchConfig withThresholds(double match, double review) {
        return new MatchConfig(enabled, match, review, priorBits, maxBlock);
    }

    /**
     * The defaults with what a settings file changes: {@code key = value} lines, {@code #} starts a
     * comment. Keys: {@code fuzzy} ({@code on} or {@code off}: exact identifiers only),
     * {@code match_threshold} and {@code review_threshold} (match probabilities, as {@code explain}
     * prints them). A mistake is a {@link IdemException.Configuration} naming the file and line.
     */
    public static MatchConfig load(java.nio.file.Path file) {
        java.util.List<String> lines;
        try {
            lines = java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IdemException.Configuration("cannot read matching settings " + file + ": " + e.getMessage());
        }
        java.util.List<Setting> settings = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String text = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (text.isEmpty()) {
                continue;
            }
            int eq = text.indexOf('=');
            if (eq <= 0) {
                throw new IdemException.Configuration(file + ":" + (i + 1) + ": expected 'key = value', found '" + text
                        + "'");
            }
            settings.add(new Setting(text.substring(0, eq).trim(), text.substring(eq + 1).trim(), file + ":" + (i + 1)));
        }
        return of(settings, file.toString());
    }

    /** One setting as given: key, value, and where it was given (a file and line, a JSON path). */
    public record Setting(String key, String value, String where) {
    }

    /**
     * The defaults with {@code settings} applied in order (a key given twice: the last counts), keys
     * and values as a settings file writes them ({@code fuzzy}: {@code on} or {@code off};
     * {@code match_threshold}, {@code review_threshold}: probabilities). A mistake is a
     * {@link IdemException.Configuration} that starts with the setting's {@code where}, or with
     * {@code whole} when the two thresholds disagree.
     */
    public static MatchConfig of(java.util.List<Setting> settings, String whole) {
        MatchConfig d = defaults();
        boolean enabled = d.enabled();
        double match = d.matchThreshold();
        double review = d.reviewThreshold();
        for (Setting e : settings) {
            String key = e.key();
            String value = e.value();
            String at = e.where();
            switch (key) {
                case "fuzzy" -> {
                    if (!value.equals("on") && !value.equals("off")) {
                        throw new IdemException.Configuration(at + ": fuzzy is 'on' or 'off', not '" + value + "'");
                    }
                    enabled = value.equals("on");
                }
                case "match_threshold" -> match = probability(at, key, value);
                case "review_threshold" -> review = probability(at, key, value);
                default -> throw new IdemException.Configuration(at + ": unknown setting '" + key
                        + "' (known: fuzzy, match_threshold, review_threshold)");
            }
        }
        if (review > match) {
            throw new IdemException.Configuration(whole + ": review_threshold (" + review
                    + ") must be at most match_threshold (" + match + ")");
        }
        return new MatchConfig(enabled, match, review, d.priorBits(), d.maxBlock());
    }

    /** The settings a settings file can change, by its keys ({@code fuzzy} as a boolean). */
    public java.util.Map<String, Object> settings() {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("fuzzy", enabled);
        out.put("match_threshold", matchThreshold);
        out.put("review_threshold", reviewThreshold);
        return out;
    }

    private static double probability(String where, String key, String value) {
        double p;
        try {
            p = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            p = Double.NaN;
        }
        if (!(p > 0 && p < 1)) {
            throw new IdemException.Configuration(where + ": " + key + " is a probability between 0 and 1"
                    + " (exclusive), not '" + value + "'");
        }
        return p;
    }
}
