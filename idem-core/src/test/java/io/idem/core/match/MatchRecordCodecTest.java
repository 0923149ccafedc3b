package io.idem.core.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The compact form of a record decodes to the record, identifiers in the order given. */
class MatchRecordCodecTest {

    @Test
    void decodesWhatWasEncoded() {
        Random r = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            MatchRecord m = EarlyExitTest.record(r);
            List<String> ids = new ArrayList<>();
            ids.add("loyalty:L" + i);
            for (String d : m.documents()) {
                ids.add("document:" + d);
            }
            for (String p : m.phones()) {
                ids.add("phone:" + p);
            }
            for (String e : m.emails()) {
                ids.add("email:" + e);
            }
            java.util.Collections.shuffle(ids.subList(1, ids.size()), r);
            MatchRecord d = MatchRecord.decode(m.encode(), ids.toArray(new String[0]));
            assertThat(d.given()).containsExactly(m.given());
            assertThat(d.family()).containsExactly(m.family());
            assertThat(d.full()).containsExactly(m.full());
            assertThat(d.birth()).isEqualTo(m.birth());
            assertThat(d.gender()).isEqualTo(m.gender());
            assertThat(d.postcode()).isEqualTo(m.postcode());
            assertThat(d.city()).isEqualTo(m.city());
            assertThat(d.address()).isEqualTo(m.address());
            assertThat(d.documents()).containsExactlyInAnyOrder(m.documents());
            assertThat(d.phones()).containsExactlyInAnyOrder(m.phones());
            assertThat(d.emails()).containsExactlyInAnyOrder(m.emails());
            assertThat(d.phones()).containsExactly(ids.stream().filter(k -> k.startsWith("phone:"))
                    .map(k -> k.substring(6)).toArray(String[]::new));
        }
        MatchRecord empty = MatchRecord.decode(null, new String[0]);
        assertThat(empty.isEmpty()).isTrue();
        assertThat(MatchRecord.decode("", new String[0]).isEmpty()).isTrue();
    }
}
