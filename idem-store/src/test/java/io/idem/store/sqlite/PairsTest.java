package io.idem.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PairsTest {

    /** The same order as sorting boxed pairs by key, then value; the elements beyond {@code count} untouched. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 17, 100, 5_000})
    void sortsByKeyThenValueLikeAComparatorSort(int count) {
        for (String shape : new String[] {"random", "few keys", "sorted", "reversed", "equal"}) {
            SplittableRandom rnd = new SplittableRandom(count * 31L + shape.hashCode());
            long[] flat = new long[2 * count + 4];
            for (int i = 0; i < count; i++) {
                flat[2 * i] = switch (shape) {
                    case "few keys" -> rnd.nextInt(5) - 2;
                    case "sorted" -> i;
                    case "reversed" -> -i;
                    case "equal" -> 7;
                    default -> rnd.nextLong();
                };
                flat[2 * i + 1] = shape.equals("random") ? rnd.nextLong() : rnd.nextInt(4);
            }
            flat[2 * count] = Long.MAX_VALUE; // beyond count: left alone
            long[][] boxed = new long[count][];
            for (int i = 0; i < count; i++) {
                boxed[i] = new long[] {flat[2 * i], flat[2 * i + 1]};
            }
            Arrays.sort(boxed, Comparator.<long[]>comparingLong(p -> p[0]).thenComparingLong(p -> p[1]));
            long[] expected = flat.clone();
            for (int i = 0; i < count; i++) {
                expected[2 * i] = boxed[i][0];
                expected[2 * i + 1] = boxed[i][1];
            }
            Pairs.sort(flat, count);
            assertArrayEquals(expected, flat, shape + ", " + count + " pairs");
        }
    }

    @Test
    void refusesMorePairsThanTheArrayHolds() {
        assertThrows(IllegalArgumentException.class, () -> Pairs.sort(new long[5], 3));
    }
}
