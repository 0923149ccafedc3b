package io.idem.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HashesTest {
    /** Stored key hashes were computed as the hash of the joined string: the pair form must equal it. */
    @Test
    void aPairHashesAsTheTwoJoinedByANul() {
        SplittableRandom r = new SplittableRandom(5);
        String alphabet = "abcXYZ019-_ ñÁü\u0000\u001F€";
        for (int i = 0; i < 2_000; i++) {
            String a = random(r, alphabet);
            String b = random(r, alphabet);
            assertThat(Hashes.of(a, b)).as(a + " | " + b).isEqualTo(Hashes.of(a + '\u0000' + b));
        }
        assertThat(Hashes.of("web", "1")).isNotEqualTo(Hashes.of("web1", ""));
    }

    private static String random(SplittableRandom r, String alphabet) {
        StringBuilder sb = new StringBuilder();
        for (int n = r.nextInt(12); n > 0; n--) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
