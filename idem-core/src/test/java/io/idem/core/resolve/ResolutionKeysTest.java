package io.idem.core.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The stored form of resolution keys, and keys written before the event flag was kept. */
class ResolutionKeysTest {
    private static final String MATCH = "n\u001Dmonica nunez";

    @Test
    void theEventFlagGoesAfterTheComparisonFieldsAndComesBack() {
        for (Boolean event : new Boolean[] {true, false}) {
            ResolutionKeys keys = new ResolutionKeys(0xabcdefL, new String[] {"email:a@b.com", "phone:+5491141234567"},
                    new String[] {"monica", "nunez"}, MATCH, event);
            ResolutionKeys back = ResolutionKeys.decode(keys.encode());
            assertThat(back.contentHash()).isEqualTo(0xabcdefL);
            assertThat(back.ids()).containsExactly("email:a@b.com", "phone:+5491141234567");
            assertThat(back.nameTokens()).containsExactly("monica", "nunez");
            assertThat(back.match()).isEqualTo(MATCH);
            assertThat(back.event()).isEqualTo(event);
        }
    }

    @Test
    void keysWrittenBeforeTheFlagDoNotSay() {
        ResolutionKeys withMatch = ResolutionKeys.decode("ff\u001Eemail:a@b.com\u001Emonica\u001F" + "nunez\u001E" + MATCH);
        assertThat(withMatch.match()).isEqualTo(MATCH);
        assertThat(withMatch.nameTokens()).containsExactly("monica", "nunez");
        assertThat(withMatch.event()).isNull();
        // before fuzzy matching: no comparison fields either
        ResolutionKeys older = ResolutionKeys.decode("ff\u001Eemail:a@b.com\u001E");
        assertThat(older.match()).isEmpty();
        assertThat(older.event()).isNull();
        assertThat(older.ids()).containsExactly("email:a@b.com");
    }

    @Test
    void aRecordWithoutPersonDataStillSaysWhetherItCarriesAnEvent() {
        ResolutionKeys keys = new ResolutionKeys(1L, new String[] {"device_id:abc"}, new String[0], "", true);
        ResolutionKeys back = ResolutionKeys.decode(keys.encode());
        assertThat(back.match()).isEmpty();
        assertThat(back.event()).isTrue();
        assertThat(back.ids()).containsExactly("device_id:abc");
    }
}
