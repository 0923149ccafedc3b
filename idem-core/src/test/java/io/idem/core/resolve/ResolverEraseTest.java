package io.idem.core.resolve;

import static io.idem.core.resolve.Records.rec;
import static org.assertj.core.api.Assertions.assertThat;

import io.idem.core.model.FieldKind;
import io.idem.core.model.Identifier;
import io.idem.core.model.RecordKey;
import io.idem.core.store.ChangeSet;
import io.idem.core.store.ValueFlag;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResolverEraseTest {
    private final Resolver resolver = new Resolver(ResolverConfig.defaults());

    private String profile(String key) {
        return resolver.profileOf(RecordKey.parse(key));
    }

    @Test
    void erasingTheRecordThatBridgedTwoOthersSplitsThemAgain() {
        resolver.upsert(rec("concurso:1", "email", "ana@x.com"));
        resolver.upsert(rec("callcenter:1", "phone", "+54 9 11 4123-4567"));
        resolver.upsert(rec("ecommerce:1", "email", "ana@x.com", "phone", "11 4123 4567", "customer_id", "C-1"));
        assertThat(profile("concurso:1")).isEqualTo(profile("callcenter:1"));
        resolver.drain();

        List<String> unused = resolver.erase(List.of(RecordKey.parse("ecommerce:1")));

        assertThat(unused).containsExactly("customer_id:C-1");
        assertThat(profile("ecommerce:1")).isNull();
        assertThat(profile("concurso:1")).isNotNull().isNotEqualTo(profile("callcenter:1"));
        assertThat(resolver.recordCount()).isEqualTo(2);
        assertThat(resolver.profilesWith(new Identifier(FieldKind.CUSTOMER_ID, "C-1"))).isEmpty();
        ChangeSet cs = resolver.drain();
        assertThat(cs.records()).isEmpty();
        assertThat(cs.moves()).hasSize(1);
        assertThat(cs.log()).extracting(l -> l.action()).contains("split");
    }

    @Test
    void aSharedFamilyEmailIsNoLongerSharedOnceTheOtherPersonIsErased() {
        resolver.upsert(rec("web:1", "document", "30.123.456", "email", "familia@x.com", "first_name", "Ana"));
        resolver.upsert(rec("web:2", "document", "28.765.432", "email", "familia@x.com", "first_name", "Lucía"));
        assertThat(resolver.drain().flags()).extracting(ValueFlag::status).containsExactly("shared");
        String lucia = profile("web:2");

        assertThat(resolver.erase(List.of(RecordKey.parse("web:1")))).containsExactly("document:30123456");

        assertThat(profile("web:2")).isEqualTo(lucia);
        assertThat(resolver.drain().flags()).containsExactly(new ValueFlag("email:familia@x.com", "ok", "no longer shared"));
        // what the erased record carried no longer links anything
        resolver.upsert(rec("concurso:1", "email", "familia@x.com", "first_name", "Lucía"));
        assertThat(profile("concurso:1")).isEqualTo(lucia);
    }
}
