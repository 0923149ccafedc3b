package io.idem.core.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.idem.core.model.RecordKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The key index answers like a map from record key to record id, through growth and removals,
 * whether it starts small or with room reserved for more records than it will hold.
 */
class KeyIndexTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 5_000, 100_000})
    void behavesLikeAMap(int reserved) {
        List<Resolver.Rec> recs = new ArrayList<>();
        KeyIndex index = new KeyIndex(recs, reserved);
        Map<RecordKey, Integer> reference = new HashMap<>();
        Random random = new Random(5);
        for (int step = 0; step < 200_000; step++) {
            RecordKey key = new RecordKey("s" + random.nextInt(3), Integer.toString(random.nextInt(20_000)));
            Integer known = reference.get(key);
            assertThat(index.get(key)).isEqualTo(known == null ? -1 : known);
            if (known == null) {
                recs.add(new Resolver.Rec(key));
                index.add(recs.size() - 1);
                reference.put(key, recs.size() - 1);
            } else if (random.nextInt(3) == 0) {
                assertThat(index.remove(key)).isEqualTo((int) known);
                reference.remove(key);
                assertThat(index.remove(key)).isEqualTo(-1);
            }
        }
        for (Map.Entry<RecordKey, Integer> e : reference.entrySet()) {
            assertThat(index.get(e.getKey())).isEqualTo(e.getValue());
        }
    }
}
