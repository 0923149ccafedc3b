package io.idem.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idem.core.IdemException;
import io.idem.core.model.FieldKind;
import io.idem.core.model.Identifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlaceholdersTest {
    private final Placeholders defaults = Placeholders.defaults();

    private static Identifier id(FieldKind kind, String value) {
        return new Identifier(kind, value);
    }

    @ParameterizedTest(name = "{0}:{1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            EMAIL       | test@test.com                         | placeholder email
            EMAIL       | a@a.com                               | placeholder email
            EMAIL       | no@tiene.com                          | placeholder email
            EMAIL       | correo@correo.com                     | placeholder email
            EMAIL       | email@email.com                       | placeholder email
            EMAIL       | mail@mail.com                         | placeholder email
            EMAIL       | x@x.com                               | placeholder email
            EMAIL       | noreply@tienda.com                    | placeholder email
            EMAIL       | no-reply@tienda.com                   | placeholder email
            EMAIL       | sinmail@gmail.com                     | placeholder email
            EMAIL       | sin.mail@hotmail.com                  | placeholder email
            EMAIL       | nomail@yahoo.com                      | placeholder email
            EMAIL       | notiene@gmail.com                     | placeholder email
            EMAIL       | ninguno@gmail.com                     | placeholder email
            EMAIL       | none@gmail.com                        | placeholder email
            EMAIL       | null@gmail.com                        | placeholder email
            EMAIL       | aaaa@gmail.com                        | repeated-character email
            EMAIL       | 1111@hotmail.com                      | repeated-character email
            EMAIL       | z@gmail.com                           | repeated-character email
            EMAIL       | ana@example.com                       | placeholder email domain
            EMAIL       | ana@example.org                       | placeholder email domain
            EMAIL       | ana@test.com                          | placeholder email domain
            EMAIL       | ana@mailinator.com                    | placeholder email domain
            PHONE       | 0000000000                            | repeated-digit phone
            PHONE       | 1111111111                            | repeated-digit phone
            PHONE       | +541100000000                         | repeated-digit phone
            PHONE       | +5491100000000                        | repeated-digit phone
            PHONE       | +5491144444444                        | repeated-digit phone
            PHONE       | +542230000000                         | repeated-digit phone
            PHONE       | +34666666666                          | repeated-digit phone
            PHONE       | +34600000000                          | repeated-digit phone
            PHONE       | 1234567890                            | sequential phone
            PHONE       | 123456789                             | sequential phone
            PHONE       | 9876543210                            | sequential phone
            PHONE       | +541234567890                         | sequential phone
            PHONE       | +5491112345678                        | sequential phone
            PHONE       | +541187654321                         | sequential phone
            DOCUMENT    | 00000000                              | repeated-digit document
            DOCUMENT    | 11111111                              | repeated-digit document
            DOCUMENT    | 99999999                              | repeated-digit document
            DOCUMENT    | 12345678                              | sequential document
            DOCUMENT    | 87654321                              | sequential document
            DOCUMENT    | 123456789                             | sequential document
            DOCUMENT    | 00000000T                             | repeated-digit document
            DOCUMENT    | 12345678Z                             | sequential document
            DOCUMENT    | X0000000T                             | repeated-digit document
            DOCUMENT    | 123456785                             | sequential document
            DOCUMENT    | 12345678909                           | sequential document
            DOCUMENT    | 20123456786                           | sequential document
            DOCUMENT    | 1234                                  | document too short
            DOCUMENT    | 0                                     | placeholder document
            DOCUMENT    | SINDNI                                | placeholder document
            DOCUMENT    | NODNI                                 | placeholder document
            LOYALTY_ID  | 0                                     | placeholder loyalty_id
            LOYALTY_ID  | 0000000                               | all-zero loyalty_id
            LOYALTY_ID  | -                                     | placeholder loyalty_id
            LOYALTY_ID  | NA                                    | placeholder loyalty_id
            LOYALTY_ID  | N/A                                   | placeholder loyalty_id
            LOYALTY_ID  | NULL                                  | placeholder loyalty_id
            LOYALTY_ID  | NONE                                  | placeholder loyalty_id
            LOYALTY_ID  | UNKNOWN                               | placeholder loyalty_id
            CUSTOMER_ID | 000                                   | all-zero customer_id
            CUSTOMER_ID | N/A                                   | placeholder customer_id
            DEVICE_ID   | 00000000-0000-0000-0000-000000000000  | placeholder device_id
            DEVICE_ID   | null                                  | placeholder device_id
            DEVICE_ID   | unknown                               | placeholder device_id
            SOCIAL_ID   | 0                                     | placeholder social_id
            """)
    void placeholders(FieldKind kind, String value, String reason) {
        assertThat(defaults.reason(id(kind, value))).isEqualTo(reason);
    }

    @ParameterizedTest(name = "{0}:{1} is fine")
    @CsvSource(delimiter = '|', textBlock = """
            EMAIL       | ana.perez@gmail.com
            EMAIL       | ab@gmail.com
            EMAIL       | test.user@gmail.com
            EMAIL       | info@tiene.com
            PHONE       | +5491141234567
            PHONE       | +541141234567
            PHONE       | +34612345679
            PHONE       | +5511912345678
            PHONE       | +5492235123456
            PHONE       | +46850616100
            DOCUMENT    | 30111222
            DOCUMENT    | 41234567
            DOCUMENT    | 52998224725
            DOCUMENT    | 20301112224
            DOCUMENT    | 10000013K
            DOCUMENT    | X1234568Q
            DOCUMENT    | AAA123456
            LOYALTY_ID  | 000123
            LOYALTY_ID  | NAB
            CUSTOMER_ID | C-0001
            DEVICE_ID   | 6f9619ff-8b86-d011-b42d-00c04fc964ff
            SOCIAL_ID   | 10152345678901234
            """)
    void fine(FieldKind kind, String value) {
        assertThat(defaults.reason(id(kind, value))).isNull();
    }

    /** Raw placeholders as they arrive in files are still caught once normalised. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            PHONE       | 1111111111
            PHONE       | +54 9 11 4444-4444
            PHONE       | 011 15 1234-5678
            EMAIL       | <SinMail@Gmail.com>
            EMAIL       | TEST@TEST.COM
            DOCUMENT    | 12.345.678
            DOCUMENT    | 00.000.000
            LOYALTY_ID  | n/a
            CUSTOMER_ID | null
            DEVICE_ID   | 00000000-0000-0000-0000-000000000000
            """)
    void normalisedPlaceholdersAreCaught(FieldKind kind, String raw) {
        Normalized n = new Normalizers("AR").normalize(kind, raw);
        assertThat(n.valid()).as("normalised %s", n).isTrue();
        assertThat(defaults.reason(id(kind, n.value()))).isNotNull();
    }

    @Test
    void extraEntries() {
        Placeholders p = defaults.with(List.of("email:Foo@Bar.com", "email-local:SinDatos", "email-domain:tienda.invalid",
                "loyalty_id:socio0", "document:99.999.999-x", "phone:+54 9 11 5555-1234"));
        assertThat(p.reason(id(FieldKind.EMAIL, "foo@bar.com"))).isEqualTo("placeholder email");
        assertThat(p.reason(id(FieldKind.EMAIL, "sindatos@gmail.com"))).isEqualTo("placeholder email");
        assertThat(p.reason(id(FieldKind.EMAIL, "ana@tienda.invalid"))).isEqualTo("placeholder email domain");
        assertThat(p.reason(id(FieldKind.LOYALTY_ID, "SOCIO0"))).isEqualTo("placeholder loyalty_id");
        assertThat(p.reason(id(FieldKind.DOCUMENT, "99999999X"))).isEqualTo("placeholder document");
        assertThat(p.reason(id(FieldKind.PHONE, "+5491155551234"))).isEqualTo("placeholder phone");
        assertThat(p.reason(id(FieldKind.EMAIL, "test@test.com"))).isEqualTo("placeholder email");
        assertThat(defaults.reason(id(FieldKind.EMAIL, "foo@bar.com"))).isNull();
        assertThat(p.entries()).contains("email:foo@bar.com", "email-local:sindatos", "document:99999999X");
    }

    @Test
    void badEntry() {
        assertThatThrownBy(() -> defaults.with(List.of("foo@bar.com")))
                .isInstanceOf(IdemException.Configuration.class)
                .hasMessageContaining("'foo@bar.com'").hasMessageContaining("kind:value");
        assertThatThrownBy(() -> defaults.with(List.of("first_name:Ana")))
                .isInstanceOf(IdemException.Configuration.class).hasMessageContaining("not an identifier kind");
        assertThatThrownBy(() -> defaults.with(List.of("email-local:a@b")))
                .isInstanceOf(IdemException.Configuration.class);
    }

    @Test
    void loadFromFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("placeholders.txt");
        Files.writeString(file, """
                # shop-specific fake values
                email:cajero@mitienda.com.ar
                email-domain:mitienda.local   # staff test accounts

                loyalty_id:99999
                """);
        Placeholders p = Placeholders.load(file);
        assertThat(p.reason(id(FieldKind.EMAIL, "cajero@mitienda.com.ar"))).isEqualTo("placeholder email");
        assertThat(p.reason(id(FieldKind.EMAIL, "ana@mitienda.local"))).isEqualTo("placeholder email domain");
        assertThat(p.reason(id(FieldKind.LOYALTY_ID, "99999"))).isEqualTo("placeholder loyalty_id");
        assertThat(p.reason(id(FieldKind.EMAIL, "sinmail@gmail.com"))).isEqualTo("placeholder email");
    }

    @Test
    void badLineNamesFileAndLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("placeholders.txt");
        Files.writeString(file, "# comment\nemail:a@b.com\nfavourite_colour:blue\n");
        assertThatThrownBy(() -> Placeholders.load(file))
                .isInstanceOf(IdemException.Configuration.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line 3")
                .hasMessageContaining("favourite_colour");
    }

    @Test
    void missingFile(@TempDir Path dir) {
        assertThatThrownBy(() -> Placeholders.load(dir.resolve("nope.txt")))
                .isInstanceOf(IdemException.Configuration.class).hasMessageContaining("nope.txt");
    }
}
