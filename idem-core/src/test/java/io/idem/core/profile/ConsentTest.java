package io.idem.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.idem.core.model.Field;
import io.idem.core.model.FieldKind;
import io.idem.core.model.RecordKey;
import io.idem.core.model.SourceRecord;
import io.idem.core.normalize.Headers;
import io.idem.core.normalize.Normalizers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsentTest {
    static final Normalizers N = new Normalizers("AR");

    static SourceRecord rec(String key, long at, String... kindValue) {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < kindValue.length; i += 2) {
            fields.add(N.field(kindValue[i], FieldKind.parse(kindValue[i]), kindValue[i + 1]));
        }
        return new SourceRecord(RecordKey.parse(key), fields, at);
    }

    @ParameterizedTest
    @CsvSource({"Sí,opt_in", "SI,opt_in", "yes,opt_in", "1,opt_in", "opt-in,opt_in", "No,opt_out", "0,opt_out",
        "baja,opt_out", "OPT_OUT,opt_out"})
    void consentValuesNormalise(String raw, String expected) {
        assertThat(N.field("c", FieldKind.CONSENT_EMAIL, raw).normalized()).isEqualTo(expected);
    }

    @Test
    void unknownConsentValueIsAProblemNotAGuess() {
        assertThat(N.field("c", FieldKind.CONSENT_SMS, "quizás").problem()).contains("unrecognised consent 'quizás'");
    }

    @ParameterizedTest
    @CsvSource({"acepta_email,consent_email", "Acepta Newsletter,consent_email", "acepta_whatsapp,consent_whatsapp",
        "consent_sms,consent_sms", "push_opt_in,consent_push"})
    void consentHeadersAreRecognised(String header, String kind) {
        assertThat(Headers.kindFor(header).key()).isEqualTo(kind);
    }

    @Test
    void latestDecisionPerChannelAndContactPointWinsAndOptOutSurvivesAMerge() {
        // profile A had an opt-in (older); profile B an opt-out (newer); merged, the opt-out stands
        List<SourceRecord> merged = List.of(
                rec("ecommerce:1", 1_000, "email", "ana@x.com", "consent_email", "si", "phone", "11 4123 4567",
                        "consent_whatsapp", "si"),
                rec("concurso:1", 2_000, "email", "ANA@x.com", "consent_email", "no"),
                rec("tienda:1", 3_000, "email", "ana.work@x.com", "consent_email", "si"),
                rec("app:1", 1_500, "consent_push", "si"));
        List<ProfileView.ConsentView> consents = ProfileView.consents(merged);
        assertThat(consents).extracting(c -> c.channel() + " " + c.contact() + " " + c.status() + " " + c.decisions())
                .containsExactlyInAnyOrder("email ana@x.com opt_out 2", "email ana.work@x.com opt_in 1",
                        "whatsapp +5491141234567 opt_in 1", "push * opt_in 1");
        ProfileView.ConsentView email = consents.stream().filter(c -> c.contact().equals("ana@x.com")).findFirst()
                .orElseThrow();
        assertThat(email.source()).isEqualTo("concurso");
        List<SourceRecord> reversed = new ArrayList<>(merged);
        java.util.Collections.reverse(reversed);
        assertThat(ProfileView.consents(reversed)).isEqualTo(consents);
    }

    @Test
    void aTieGoesToTheOptOut() {
        List<SourceRecord> same = List.of(rec("a:1", 5, "email", "ana@x.com", "consent_email", "si"),
                rec("b:1", 5, "email", "ana@x.com", "consent_email", "no"));
        assertThat(ProfileView.consents(same).get(0).status()).isEqualTo("opt_out");
        assertThat(ProfileView.consents(List.of(same.get(1), same.get(0))).get(0).status()).isEqualTo("opt_out");
    }
}
