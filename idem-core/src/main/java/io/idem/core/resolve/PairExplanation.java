package io.idem.core.resolve;

import io.idem.core.match.MatchDecision;
import io.idem.core.match.Score;
import io.idem.core.model.RecordKey;
import java.util.List;

/**
 * Why two records are, or are not, one person.
 *
 * @param a the first record
 * @param b the second record
 * @param score every compared field with its level and weight, the total and the probability
 * @param decision what fuzzy matching alone decides for the pair
 * @param review {@code accepted} or {@code rejected} when a person decided the pair, else empty
 * @param sharedIdentifiers identifiers both records carry (exact links: the rule layer)
 * @param profileA the current profile of {@code a}
 * @param profileB the current profile of {@code b}
 */
public record PairExplanation(RecordKey a, RecordKey b, Score score, MatchDecision.Kind decision, String review,
        List<String> sharedIdentifiers, String profileA, String profileB) {
    public PairExplanation {
        sharedIdentifiers = List.copyOf(sharedIdentifiers);
    }

    public boolean sameProfile() {
        return profileA.equals(profileB);
    }
}
