package io.idem.core.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimilarityTest {
    @Test
    void jaroWinklerKnownValues() {
        assertThat(Similarity.jaroWinkler("martha", "marhta")).isCloseTo(0.9611, within(1e-4));
        assertThat(Similarity.jaroWinkler("dwayne", "duane")).isCloseTo(0.84, within(1e-4));
        assertThat(Similarity.jaroWinkler("dixon", "dicksonx")).isCloseTo(0.8133, within(1e-4));
        assertThat(Similarity.jaroWinkler("abc", "xyz")).isZero();
        assertThat(Similarity.jaroWinkler("gonzalez", "gonzalez")).isEqualTo(1.0);
    }

    /** The allocation-free path for names gives exactly what the general one gives. */
    @Test
    void shortAndLongPathsAgree() {
        SplittableRandom r = new SplittableRandom(7);
        for (int n = 0; n < 20_000; n++) {
            String a = random(r, 1 + r.nextInt(12));
            String b = r.nextBoolean() ? typo(r, a) : random(r, 1 + r.nextInt(12));
            if (!a.equals(b)) {
                assertThat(Similarity.jaroWinkler(a, b)).as(a + " ~ " + b).isEqualTo(Similarity.jaroWinklerLong(a, b));
            }
        }
    }

    private static String random(SplittableRandom r, int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append((char) ('a' + r.nextInt(6)));
        }
        return sb.toString();
    }

    private static String typo(SplittableRandom r, String s) {
        StringBuilder sb = new StringBuilder(s);
        int i = r.nextInt(s.length());
        if (r.nextBoolean() && i + 1 < s.length()) {
            char c = sb.charAt(i);
            sb.setCharAt(i, sb.charAt(i + 1));
            sb.setCharAt(i + 1, c);
        } else {
            sb.setCharAt(i, (char) ('a' + r.nextInt(6)));
        }
        return sb.toString();
    }
}
