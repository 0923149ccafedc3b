package io.idem.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.idem.core.model.FieldKind;
import io.idem.core.normalize.Normalized;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestIndexTest {
    @Test
    void findsTheValueBehindADigestOnlyForItsKind() {
        List<String> keys = new ArrayList<>(List.of("email:ana@x.com", "phone:+5491141234567", "document:30123456",
                "loyalty_id:ana@x.com", "email:sha256:" + HashedInput.sha256Hex("bea@x.com")));
        for (int i = 0; i < 5000; i++) {
            keys.add("email:user" + i + "@x.com");
        }
        DigestIndex index = DigestIndex.of(keys);
        assertThat(index.size()).as("other kinds and waiting digests are left out").isEqualTo(5003);
        assertThat(index.find(FieldKind.EMAIL, HashedInput.sha256Hex("ana@x.com"))).isEqualTo("ana@x.com");
        assertThat(index.find(FieldKind.EMAIL, HashedInput.sha256Hex("user4321@x.com"))).isEqualTo("user4321@x.com");
        assertThat(index.find(FieldKind.PHONE, HashedInput.sha256Hex("+5491141234567"))).isEqualTo("+5491141234567");
        assertThat(index.find(FieldKind.DOCUMENT, HashedInput.sha256Hex("ana@x.com"))).isNull();
        assertThat(index.find(FieldKind.EMAIL, HashedInput.sha256Hex("bea@x.com"))).isNull();
        assertThat(index.find(FieldKind.EMAIL, "abc")).isNull();
    }

    @Test
    void theHashedNormaliserTranslatesKnownDigestsAndKeepsUnknownOnes() {
        DigestIndex index = DigestIndex.of(List.of("email:ana@x.com"));
        var n = HashedInput.normalizer(FieldKind.EMAIL, index);
        String ana = HashedInput.sha256Hex("ana@x.com");
        assertThat(n.normalize("  " + ana.toUpperCase(java.util.Locale.ROOT) + " ")).isEqualTo(Normalized.ok("ana@x.com"));
        String bea = HashedInput.sha256Hex("bea@x.com");
        assertThat(n.normalize(bea)).isEqualTo(Normalized.ok("sha256:" + bea));
        assertThat(n.normalize("ana@x.com").problem()).contains("not a SHA-256 digest");
        assertThat(n.normalize(ana.substring(1)).problem()).contains("64 hex digits");
    }
}
