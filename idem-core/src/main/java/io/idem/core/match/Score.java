package io.idem.core.match;

import java.util.List;

/**
 * The Fellegi-Sunter score of a pair of records.
 *
 * @param fields every compared attribute, missing ones included (weight 0)
 * @param weight the sum of the field weights, in bits (log2 of the likelihood ratio)
 * @param probability the match probability: the prior odds times the likelihood ratio, as a probability
 */
public record Score(List<FieldScore> fields, double weight, double probability) {
    public Score {
        fields = List.copyOf(fields);
    }

    /**
     * The attributes that decided, strongest first: the ones that added (or, when the pair is
     * judged different, removed) most evidence. At most {@code max}.
     */
    public List<FieldScore> deciding(int max) {
        boolean positive = weight >= 0;
        return fields.stream()
                .filter(f -> f.level() != Level.MISSING && (positive ? f.weight() > 0 : f.weight() < 0))
                .sorted((a, b) -> Double.compare(Math.abs(b.weight()), Math.abs(a.weight())))
                .limit(max)
                .toList();
    }

    /**
     * Whether a {@link #summary} names nothing but names among what decided ({@code score 0.62: given
     * name exact, surname exact}): a pair whose only evidence is that two people are called alike.
     */
    public static boolean namesOnly(String summary) {
        int colon = summary.indexOf(": ");
        if (colon < 0) {
            return false;
        }
        for (String part : summary.substring(colon + 2).split(", ")) {
            if (!part.startsWith(MatchField.GIVEN_NAME.label() + " ") && !part.startsWith(MatchField.FAMILY_NAME.label() + " ")) {
                return false;
            }
        }
        return true;
    }

    /** {@code score 0.998: given name exact, surname sounds alike, birth date exact}. */
    public String summary() {
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "score %.3f", probability));
        List<FieldScore> top = deciding(4);
        for (int i = 0; i < top.size(); i++) {
            sb.append(i == 0 ? ": " : ", ").append(top.get(i).field().label()).append(' ')
                    .append(top.get(i).level().label());
        }
        return sb.toString();
    }
}
