package io.idem.core.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** EM estimation of m on comparison patterns, and the bounds its weights keep. */
class MEstimatorTest {

    private static final MatchField[] NAME_BIRTH_DOCUMENT = {
        MatchField.GIVEN_NAME, MatchField.FAMILY_NAME, MatchField.BIRTH_DATE, MatchField.DOCUMENT};
    private static final MatchField[] NAME_BIRTH_PLACE = {
        MatchField.GIVEN_NAME, MatchField.FAMILY_NAME, MatchField.BIRTH_DATE, MatchField.POSTCODE, MatchField.CITY};

    /** The pattern of a pair scored on these fields at these levels (the others missing). */
    private static long levels(MatchField[] fields, Level... levels) {
        List<FieldScore> f = new ArrayList<>();
        for (int i = 0; i < fields.length; i++) {
            f.add(new FieldScore(fields[i], levels[i], 0, ""));
        }
        return MEstimator.pattern(f);
    }

    private static long pattern(Level given, Level family, Level birth, Level document) {
        return levels(NAME_BIRTH_DOCUMENT, given, family, birth, document);
    }

    @Test
    void patternsKeepEveryFieldsLevelAndUnscoredFieldsAreMissing() {
        long p = pattern(Level.EXACT, Level.PHONETIC, Level.NEAR, Level.DIFFERENT);
        assertThat(MEstimator.level(p, MatchField.GIVEN_NAME)).isEqualTo(Level.EXACT);
        assertThat(MEstimator.level(p, MatchField.FAMILY_NAME)).isEqualTo(Level.PHONETIC);
        assertThat(MEstimator.level(p, MatchField.BIRTH_DATE)).isEqualTo(Level.NEAR);
        assertThat(MEstimator.level(p, MatchField.DOCUMENT)).isEqualTo(Level.DIFFERENT);
        assertThat(MEstimator.level(p, MatchField.GENDER)).isEqualTo(Level.MISSING);
    }

    @Test
    void nothingObservedGivesTheDefaults() {
        MatchWeights w = new MEstimator().estimate();
        assertThat(w.pairs()).isZero();
        assertThat(w.distance(MatchWeights.defaults())).isZero();
    }

    /**
     * Duplicates whose documents were replaced in 10% of the cases, among namesakes that share a
     * blocking key: EM finds that a different document is common among matches and weakens its
     * penalty, while a different birth date, rare among these matches, stays strongly against.
     */
    @Test
    void learnsHowOftenDuplicatesDisagree() {
        MEstimator e = new MEstimator();
        for (int i = 0; i < 900; i++) {
            e.observe(pattern(Level.EXACT, Level.EXACT, Level.EXACT, Level.EXACT));
        }
        for (int i = 0; i < 100; i++) {
            e.observe(pattern(Level.EXACT, Level.EXACT, Level.EXACT, Level.DIFFERENT));
        }
        for (int i = 0; i < 2000; i++) { // namesakes: same surname, everything else different
            e.observe(pattern(Level.DIFFERENT, Level.EXACT, Level.DIFFERENT, Level.DIFFERENT));
        }
        MatchWeights w = e.estimate();
        assertThat(w.pairs()).isEqualTo(3000);
        assertThat(w.m(MatchField.DOCUMENT, Level.DIFFERENT)).isCloseTo(0.1, within(0.02));
        double defaultPenalty = MatchWeights.defaults().bits(MatchField.DOCUMENT, Level.DIFFERENT, Double.NaN);
        double estimatedPenalty = w.bits(MatchField.DOCUMENT, Level.DIFFERENT, Double.NaN);
        assertThat(estimatedPenalty).isGreaterThan(defaultPenalty + 4).isLessThanOrEqualTo(MatchWeights.MAX_DISAGREEMENT);
        assertThat(w.bits(MatchField.BIRTH_DATE, Level.DIFFERENT, Double.NaN)).isLessThan(-5);
    }

    @Test
    void aDisagreementNeverCountsForAMatchNorAnAgreementAgainst() {
        MEstimator e = new MEstimator();
        // data where every duplicate disagrees on the birth date and none has a phonetic first name
        for (int i = 0; i < 5000; i++) {
            e.observe(pattern(Level.EXACT, Level.EXACT, Level.DIFFERENT, Level.EXACT));
        }
        MatchWeights w = e.estimate();
        assertThat(w.bits(MatchField.BIRTH_DATE, Level.DIFFERENT, Double.NaN)).isLessThanOrEqualTo(-1);
        assertThat(w.bits(MatchField.GIVEN_NAME, Level.PHONETIC, Double.NaN)).isGreaterThanOrEqualTo(0);
    }

    private static long placePattern(Level given, Level family, Level birth, Level postcode, Level city) {
        return levels(NAME_BIRTH_PLACE, given, family, birth, postcode, city);
    }

    /**
     * Candidate pairs of different people only, as blocking brings them together: neighbours (same
     * postcode and city) and namesakes. EM still splits them in two; the split is not one person,
     * so no estimate comes out and the defaults stay.
     */
    @Test
    void aSampleWithoutMatchesGivesNoEstimate() {
        MEstimator e = new MEstimator();
        for (int i = 0; i < 3000; i++) {
            e.observe(placePattern(Level.DIFFERENT, Level.DIFFERENT, Level.DIFFERENT, Level.EXACT, Level.EXACT));
        }
        for (int i = 0; i < 1500; i++) {
            e.observe(placePattern(Level.DIFFERENT, Level.EXACT, Level.DIFFERENT, Level.DIFFERENT, Level.DIFFERENT));
        }
        for (int i = 0; i < 500; i++) {
            e.observe(placePattern(Level.EXACT, Level.DIFFERENT, Level.DIFFERENT, Level.DIFFERENT, Level.EXACT));
        }
        assertThat(e.tryEstimate()).isEmpty();
        assertThat(e.estimate().distance(MatchWeights.defaults())).isZero();
    }

    /**
     * Enough clear matches (equal names, birth date and postcode) among many more neighbours: the
     * estimate is made, and its matches are the ones with equal names.
     */
    @Test
    void clearMatchesAmongNeighboursGiveAnEstimate() {
        MEstimator e = new MEstimator();
        for (int i = 0; i < 200; i++) {
            e.observe(placePattern(Level.EXACT, Level.EXACT, Level.EXACT, Level.EXACT, Level.EXACT));
        }
        for (int i = 0; i < 20; i++) {
            e.observe(placePattern(Level.PHONETIC, Level.EXACT, Level.EXACT, Level.EXACT, Level.EXACT));
        }
        for (int i = 0; i < 3000; i++) {
            e.observe(placePattern(Level.DIFFERENT, Level.DIFFERENT, Level.DIFFERENT, Level.EXACT, Level.EXACT));
        }
        MatchWeights w = e.tryEstimate().orElseThrow();
        assertThat(w.m(MatchField.GIVEN_NAME, Level.EXACT)).isGreaterThan(0.8);
        assertThat(w.m(MatchField.GIVEN_NAME, Level.DIFFERENT)).isLessThan(0.05);
    }

    /** Fewer clear matches than {@link MEstimator#MIN_CLEAR}: too few to tell, no estimate. */
    @Test
    void aFewClearMatchesAreNotEnough() {
        MEstimator e = new MEstimator();
        for (int i = 0; i < MEstimator.MIN_CLEAR - 1; i++) {
            e.observe(placePattern(Level.EXACT, Level.EXACT, Level.EXACT, Level.EXACT, Level.EXACT));
        }
        for (int i = 0; i < 3000; i++) {
            e.observe(placePattern(Level.DIFFERENT, Level.DIFFERENT, Level.DIFFERENT, Level.EXACT, Level.EXACT));
        }
        assertThat(e.tryEstimate()).isEmpty();
    }
}
