package io.idem.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idem.core.IdemException;
import io.idem.core.model.Field;
import io.idem.core.model.FieldKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Region validation, {@link Normalizers#field} and the simple kinds (ids, gender, codes, country, events). */
class NormalizersTest {
    private final Normalizers ar = new Normalizers("AR");

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            LOYALTY_ID    | " ab  123 "            | AB 123
            LOYALTY_ID    | socio-0042             | SOCIO-0042
            CUSTOMER_ID   | c-001                  | C-001
            DEVICE_ID     | 6F9619FF-8B86-D011-B42D-00C04FC964FF | 6f9619ff-8b86-d011-b42d-00c04fc964ff
            SOCIAL_ID     | " fb:AbC   dEf "       | fb:AbC dEf
            GENDER        | F                      | F
            GENDER        | fem                    | F
            GENDER        | Femenino               | F
            GENDER        | FEMALE                 | F
            GENDER        | mujer                  | F
            GENDER        | w                      | F
            GENDER        | m                      | M
            GENDER        | Masc.                  | M
            GENDER        | masculino              | M
            GENDER        | male                   | M
            GENDER        | Hombre                 | M
            GENDER        | varon                  | M
            GENDER        | VARÓN                  | M
            GENDER        | x                      | X
            GENDER        | otro                   | X
            GENDER        | Other                  | X
            GENDER        | NB                     | X
            POSTCODE      | " c1043 aab "          | C1043AAB
            POSTCODE      | 28 001                 | 28001
            STREET_NUMBER | 1234 b                 | 1234B
            COUNTRY       | ar                     | AR
            COUNTRY       | " Argentina "          | AR
            COUNTRY       | ARGENTINA              | AR
            COUNTRY       | España                 | ES
            COUNTRY       | espana                 | ES
            COUNTRY       | Spain                  | ES
            COUNTRY       | Brasil                 | BR
            COUNTRY       | brazil                 | BR
            COUNTRY       | Chile                  | CL
            COUNTRY       | Uruguay                | UY
            COUNTRY       | México                 | MX
            COUNTRY       | mexico                 | MX
            COUNTRY       | ARG                    | AR
            COUNTRY       | Estados Unidos         | US
            COUNTRY       | Atlantis               | ATLANTIS
            EVENT         | "  purchase "          | purchase
            ATTRIBUTE     | "  VIP  gold "         | VIP  gold
            """)
    void simpleKinds(FieldKind kind, String raw, String expected) {
        assertThat(ar.normalize(kind, raw)).isEqualTo(Normalized.ok(expected));
    }

    @Test
    void unknownGender() {
        assertThat(ar.normalize(FieldKind.GENDER, " ? ")).isEqualTo(Normalized.invalid("unrecognised gender '?'"));
        assertThat(ar.normalize(FieldKind.GENDER, "alien")).isEqualTo(Normalized.invalid("unrecognised gender 'alien'"));
    }

    @ParameterizedTest
    @EnumSource(FieldKind.class)
    void blankIsEmptyForEveryKind(FieldKind kind) {
        assertThat(ar.normalize(kind, "   ")).isEqualTo(Normalized.EMPTY);
        assertThat(ar.normalize(kind, null)).isEqualTo(Normalized.EMPTY);
        assertThat(ar.normalizer(kind).normalize(" ")).isEqualTo(Normalized.EMPTY);
        assertThat(ar.field("col", kind, null)).isEqualTo(new Field("col", kind, "", null, null));
    }

    @Test
    void ignoreIsAlwaysEmpty() {
        assertThat(ar.normalize(FieldKind.IGNORE, "anything")).isEqualTo(Normalized.EMPTY);
    }

    /** What one import cell gives: the normalised values, '|'-separated, or "invalid". */
    @ParameterizedTest(name = "{0} ''{1}'' -> {2}")
    @CsvSource(delimiter = '!', quoteCharacter = '`', textBlock = """
            PHONE ! 011 15-4123-4567                     ! +5491141234567
            PHONE ! 1141234567.0                         ! +5491141234567
            PHONE ! 5491141234567,00                     ! +5491141234567
            PHONE ! 11-4123-4567 (casa)                  ! +5491141234567
            PHONE ! 011 4123-4567 int 23                 ! +5491141234567
            PHONE ! 011 4123-4567 / 011 15 5555-6666     ! +5491141234567|+5491155556666
            PHONE ! 11 4123 4567 y 11 5555 6666          ! +5491141234567|+5491155556666
            PHONE ! 011 4123-4567 (casa); 15 5555-6666   ! +5491141234567
            PHONE ! 011 4123-4567 / 011 4123-4567        ! +5491141234567
            PHONE ! 4123-4567 (casa)                     ! invalid
            PHONE ! 15-4123-4567                         ! invalid
            PHONE ! casa                                 ! invalid
            PHONE ! 5.49114E+12                          ! invalid
            EMAIL ! Ana.Paz@X.com                        ! ana.paz@x.com
            EMAIL ! Ana Paz <ana.paz@x.com>              ! ana.paz@x.com
            EMAIL ! ana.paz@x.com.                       ! ana.paz@x.com
            EMAIL ! ana.paz @ x.com                      ! ana.paz@x.com
            EMAIL ! ana@x.com; ana.paz@y.com             ! ana@x.com|ana.paz@y.com
            EMAIL ! ana@x.com / ANA@X.COM                ! ana@x.com
            EMAIL ! ana@x.com ana.paz@y.com              ! ana@x.com|ana.paz@y.com
            EMAIL ! ana@x,com                            ! invalid
            EMAIL ! ana paz                              ! invalid
            DOCUMENT ! DNI 30.123.456                    ! 30123456
            DOCUMENT ! 30123456.0                        ! 30123456
            """)
    void aCellMayHoldARepairableValueOrSeveral(FieldKind kind, String raw, String expected) {
        java.util.List<Field> fields = ar.cell("col", kind, raw);
        String got = fields.stream().map(f -> f.valid() ? f.normalized() : "invalid")
                .collect(java.util.stream.Collectors.joining("|"));
        assertThat(got).isEqualTo(expected);
        // every field keeps the whole cell as received
        assertThat(fields).allSatisfy(f -> assertThat(f.raw()).isEqualTo(raw));
    }

    @Test
    void localPhonesTakeTheAreaCodeTheImportGives() {
        Normalizers rosario = ar.withPhoneArea("341");
        assertThat(rosario.cell("tel", FieldKind.PHONE, "15 512-3456").get(0).normalized()).isEqualTo("+5493415123456");
        assertThat(rosario.cell("tel", FieldKind.PHONE, "155123456 (cel)").get(0).normalized())
                .isEqualTo("+5493415123456");
        assertThat(rosario.normalize(FieldKind.PHONE, "4123456").value()).isNull(); // plain normalising is unchanged
        // read as the mobile form, as every Argentine number is (see PhoneNormalizer)
        assertThat(rosario.field("tel", FieldKind.PHONE, "4123456").normalized()).isEqualTo("+5493414123456");
        Normalizers caba = ar.withPhoneArea("11");
        assertThat(caba.field("tel", FieldKind.PHONE, "15-4123-4567").normalized()).isEqualTo("+5491141234567");
        assertThat(caba.field("tel", FieldKind.PHONE, "4123-4567").normalized()).isEqualTo("+5491141234567");
        // a number with its own area keeps it; too short or too long gets none
        assertThat(caba.field("tel", FieldKind.PHONE, "0341 15 512-3456").normalized()).isEqualTo("+5493415123456");
        assertThat(caba.field("tel", FieldKind.PHONE, "12345").valid()).isFalse();
        // without the option nothing is guessed
        assertThat(ar.field("tel", FieldKind.PHONE, "15-4123-4567").valid()).isFalse();
        assertThatThrownBy(() -> ar.withPhoneArea("011x")).isInstanceOf(IdemException.InvalidInput.class)
                .hasMessageContaining("--phone-area '011x'");
    }

    @Test
    void fieldKeepsRawAsReceived() {
        assertThat(ar.field("Mail", FieldKind.EMAIL, " Ana@X.com "))
                .isEqualTo(new Field("Mail", FieldKind.EMAIL, " Ana@X.com ", "ana@x.com", null));
        Field bad = ar.field("Tel", FieldKind.PHONE, "123");
        assertThat(bad).isEqualTo(new Field("Tel", FieldKind.PHONE, "123", null, "invalid phone"));
        assertThat(bad.valid()).isFalse();
        assertThat(ar.field("Tel", FieldKind.PHONE, "  ")).isEqualTo(new Field("Tel", FieldKind.PHONE, "  ", null, null));
    }

    @Test
    void normalizedFactories() {
        assertThat(Normalized.ok("x").valid()).isTrue();
        assertThat(Normalized.invalid("bad").valid()).isFalse();
        assertThat(Normalized.EMPTY.valid()).isFalse();
        assertThat(Normalized.EMPTY).isEqualTo(new Normalized(null, null));
    }

    @Test
    void regionIsUpperCased() {
        assertThat(new Normalizers(" es ").region()).isEqualTo("ES");
    }

    @ParameterizedTest
    @ValueSource(strings = {"XX", "ARG", "Argentina", "1", "EU"})
    void badRegion(String region) {
        assertThatThrownBy(() -> new Normalizers(region))
                .isInstanceOf(IdemException.Configuration.class)
                .hasMessageContaining("'" + region + "'")
                .hasMessageContaining("ISO 3166-1 alpha-2");
    }

    @Test
    void missingRegion() {
        assertThatThrownBy(() -> new Normalizers(null)).isInstanceOf(IdemException.Configuration.class)
                .hasMessageContaining("default region");
        assertThatThrownBy(() -> new Normalizers(" ")).isInstanceOf(IdemException.Configuration.class);
    }
}
