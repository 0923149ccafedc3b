package io.idem.store.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.idem.core.Engine;
import io.idem.core.Resolution;
import io.idem.core.model.Field;
import io.idem.core.model.FieldKind;
import io.idem.core.model.RecordKey;
import io.idem.core.model.SourceRecord;
import io.idem.core.normalize.Normalizers;
import io.idem.core.resolve.ResolverConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two engines, each with its own store connections, share one database as two server processes
 * would: concurrent calls for one new person through both must end in exactly one profile, and
 * each engine must see what the other wrote.
 */
class SharedDatabaseTest {
    private static final FieldKind[] KINDS = {FieldKind.EMAIL, FieldKind.PHONE, FieldKind.DOCUMENT,
        FieldKind.LOYALTY_ID, FieldKind.CUSTOMER_ID, FieldKind.DEVICE_ID};
    private final Normalizers normalizers = new Normalizers("AR");
    private String url;
    private Engine a;
    private Engine b;

    @BeforeEach
    void open() {
        url = PgTestDatabase.create();
        a = Engine.open(PostgresStore.open(url), ResolverConfig.defaults());
        b = Engine.open(PostgresStore.open(url), ResolverConfig.defaults());
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
        PgTestDatabase.drop(url);
    }

    private SourceRecord subset(int person, int mask, String id) {
        String[] values = {"persona" + person + "@correo.com.ar", "+5491155" + String.format("%06d", person),
            String.valueOf(20_000_000 + person), "L" + person, "C" + person, "dev-" + person};
        List<Field> fields = new ArrayList<>();
        for (int k = 0; k < KINDS.length; k++) {
            if ((mask & (1 << k)) != 0) {
                fields.add(normalizers.field(KINDS[k].key(), KINDS[k], values[k]));
            }
        }
        return new SourceRecord(new RecordKey("api", id), fields, System.currentTimeMillis());
    }

    @Test
    void concurrentCallsThroughTwoEnginesEndInOneProfile() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int person = 1; person <= 5; person++) {
                List<Future<List<Resolution>>> calls = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    SourceRecord r = subset(person, 1 + i % 63, person + "-" + i);
                    Engine engine = i % 2 == 0 ? a : b;
                    calls.add(pool.submit(() -> engine.resolve(List.of(r), "api:")));
                }
                for (Future<List<Resolution>> f : calls) {
                    f.get();
                }
                Set<String> profiles = new HashSet<>();
                String prefix = person + "-";
                a.store().scan(r -> {
                    if (r.record().key().recordId().startsWith(prefix)) {
                        profiles.add(r.profileId());
                    }
                });
                assertThat(profiles).as("person %d", person).hasSize(1);
                // both engines agree with the database
                String live = profiles.iterator().next();
                SourceRecord late = subset(person, 1, person + "-late");
                assertThat(a.resolve(List.of(late), "api:").get(0).profileId()).isEqualTo(live);
                SourceRecord later = subset(person, 2, person + "-later");
                assertThat(b.resolve(List.of(later), "api:").get(0).profileId()).isEqualTo(live);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anEngineSeesWhatTheOtherMergedBeforeResolving() {
        String p1 = a.resolve(List.of(subset(9, 0b000001, "x1")), "api:").get(0).profileId();
        String p2 = b.resolve(List.of(subset(9, 0b000010, "x2")), "api:").get(0).profileId();
        assertThat(p1).isNotEqualTo(p2);
        // b links email and phone: a merge written by b
        Resolution merged = b.resolve(List.of(subset(9, 0b000011, "x3")), "api:").get(0);
        assertThat(merged.effect()).isEqualTo(Resolution.Effect.MERGED);
        // a must know the merge: a phone-only call joins the merged profile, it does not revive the old one
        Resolution joined = a.resolve(List.of(subset(9, 0b000010, "x4")), "api:").get(0);
        assertThat(joined.profileId()).isEqualTo(merged.profileId());
        assertThat(joined.effect()).isEqualTo(Resolution.Effect.ENRICHED);
        assertThat(a.store().liveProfileId(p1)).contains(merged.profileId());
        assertThat(a.store().liveProfileId(p2)).contains(merged.profileId());
    }

    @Test
    void anErasureByOneEngineIsForgottenAndSuppressedByTheOther() {
        String person = a.resolve(List.of(subset(7, 0b000111, "e1")), "api:").get(0).profileId();
        String other = a.resolve(List.of(subset(8, 0b000111, "o1")), "api:").get(0).profileId();
        assertThat(b.resolve(List.of(subset(7, 0b000001, "e2")), "api:").get(0).profileId()).isEqualTo(person);
        b.erase(person, "test", null);
        // a has not caught up yet; its next write does, and must refuse the erased person's email
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> a.resolve(List.of(subset(7, 0b000001, "e3")), "api:"))
                .isInstanceOf(io.idem.core.IdemException.Suppressed.class);
        assertThat(a.resolver().profileOf(new RecordKey("api", "e1"))).isNull();
        assertThat(a.resolver().recordsOf(person)).isEmpty();
        // everyone else is untouched
        assertThat(a.resolve(List.of(subset(8, 0b000001, "o2")), "api:").get(0).profileId()).isEqualTo(other);
        Set<String> left = new HashSet<>();
        a.store().scan(r -> left.add(r.record().key().recordId()));
        assertThat(left).containsExactlyInAnyOrder("o1", "o2");
    }

    @Test
    void aSplitByOneEngineIsHonouredByTheOther() {
        // one loyalty code typed for two people: a person splits them through engine b
        a.resolve(List.of(subset(3, 0b001000, "s1"), subset(4, 0b000001, "s2")), "api:");
        SourceRecord bridge = new SourceRecord(new RecordKey("api", "s3"), List.of(
                normalizers.field("loyalty_id", FieldKind.LOYALTY_ID, "L3"),
                normalizers.field("email", FieldKind.EMAIL, "persona4@correo.com.ar")), System.currentTimeMillis());
        String joined = a.resolve(List.of(bridge), "api:").get(0).profileId();
        assertThat(a.resolver().profileOf(new RecordKey("api", "s1"))).isEqualTo(joined)
                .isEqualTo(a.resolver().profileOf(new RecordKey("api", "s2")));
        b.split(joined, List.of(new RecordKey("api", "s2")), "test");
        // the same evidence again through engine a, which has not caught up yet: still apart
        SourceRecord again = new SourceRecord(new RecordKey("api", "s4"), List.of(
                normalizers.field("loyalty_id", FieldKind.LOYALTY_ID, "L3"),
                normalizers.field("email", FieldKind.EMAIL, "persona4@correo.com.ar")), System.currentTimeMillis());
        a.resolve(List.of(again), "api:");
        assertThat(a.resolver().profileOf(new RecordKey("api", "s2")))
                .isNotEqualTo(a.resolver().profileOf(new RecordKey("api", "s1")));
        Map<String, String> stored = new HashMap<>();
        a.store().scan(r -> stored.put(r.record().key().recordId(), r.profileId()));
        assertThat(stored.get("s2")).isNotEqualTo(stored.get("s1"));
    }
}
