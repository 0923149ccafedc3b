package io.idem.core.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreSummaryTest {
    @Test
    void aSummaryOfNamesAloneIsKnownForOne() {
        Score names = new Score(List.of(new FieldScore(MatchField.GIVEN_NAME, Level.EXACT, 4.1, ""),
                new FieldScore(MatchField.FAMILY_NAME, Level.PHONETIC, 3.2, ""),
                new FieldScore(MatchField.BIRTH_DATE, Level.MISSING, 0, ""),
                new FieldScore(MatchField.EMAIL, Level.DIFFERENT, -1.5, "")), 5.8, 0.61);
        assertThat(names.summary()).isEqualTo("score 0.610: given name exact, surname sounds alike");
        assertThat(Score.namesOnly(names.summary())).isTrue();
        Score more = new Score(List.of(new FieldScore(MatchField.GIVEN_NAME, Level.EXACT, 4.1, ""),
                new FieldScore(MatchField.BIRTH_DATE, Level.EXACT, 6.0, "")), 10.1, 0.93);
        assertThat(Score.namesOnly(more.summary())).isFalse();
        assertThat(Score.namesOnly("score 0.986: email exact")).isFalse();
        assertThat(Score.namesOnly("score 0.100")).isFalse();
    }
}
