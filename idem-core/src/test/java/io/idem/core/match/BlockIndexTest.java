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

    private static List<Integer> walk(BlockIndex index, long key) {
        List<Integer> out = new ArrayList<>();
        for (int p = index.first(key); p >= 0; p = index.next(p)) {
            out.add(index.record(p));
        }
        return out;
    }
}
