package io.idem.core.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The blocking index files and unfiles records under keys like a map of lists (newest first),
 * through growth and removals, whether it starts small or with room reserved.
 */
class BlockIndexTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 3_000, 60_000})
    void behavesLikeAMapOfLists(int reserved) {
        BlockIndex index = reserved == 0 ? new BlockIndex() : new BlockIndex(reserved, 4 * reserved);
        Map<Long, List<Integer>> reference = new HashMap<>();
        Random random = new Random(11);
        for (int step = 0; step < 200_000; step++) {
            long key = 1 + random.nextInt(20_000) * 0x9E3779B97F4A7C15L;
            int rec = random.nextInt(50);
            List<Integer> filed = reference.computeIfAbsent(key, k -> new ArrayList<>());
            if (random.nextInt(4) == 0 && filed.contains(rec)) {
                index.remove(key, rec);
                filed.remove(Integer.valueOf(rec));
            } else if (!filed.contains(rec)) {
                index.add(key, rec);
                filed.add(0, rec);
            }
            assertThat(walk(index, key)).isEqualTo(filed);
        }
        for (Map.Entry<Long, List<Integer>> e : reference.entrySet()) {
            assertThat(walk(index, e.getKey())).isEqualTo(e.getValue());
            assertThat(index.size(e.getKey())).isEqualTo(e.getValue().size());
        }
    }

    /**
     * A hidden record stays in its lists, counted out of the sizes; shown again it counts again,
     * removed while hidden it leaves the list without being counted out twice.
     */
    @org.junit.jupiter.api.Test
    void aHiddenRecordIsCountedOutAndThenBackInOrRemoved() {
        BlockIndex index = new BlockIndex();
        long a = 0x1234L;
        long b = 0x5678L;
        for (int rec = 0; rec < 5; rec++) {
            index.add(a, rec);
            index.add(b, rec);
        }
        index.hide(a);
        index.hide(b);
        assertThat(index.size(a)).isEqualTo(4);
        assertThat(walk(index, a)).containsExactly(4, 3, 2, 1, 0);
        index.unhide(a);
        index.removeHidden(b, 2);
        assertThat(index.size(a)).isEqualTo(5);
        assertThat(walk(index, a)).containsExactly(4, 3, 2, 1, 0);
        assertThat(index.size(b)).isEqualTo(4);
        assertThat(walk(index, b)).containsExactly(4, 3, 1, 0);
        assertThat(index.firstUpTo(b, 4)).isGreaterThanOrEqualTo(0);
        assertThat(index.firstUpTo(b, 3)).isEqualTo(-1);
    }

    private static List<Integer> walk(BlockIndex index, long key) {
        List<Integer> out = new ArrayList<>();
        for (int p = index.first(key); p >= 0; p = index.next(p)) {
            out.add(index.record(p));
        }
        return out;
    }
}
