package io.idem.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.idem.core.model.FieldKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailNormalizerTest {
    private final Normalizers normalizers = new Normalizers("AR");

    private Normalized email(String raw) {
        return normalizers.normalize(FieldKind.EMAIL, raw);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ana@example.com                  | ana@example.com
            "  Ana.Perez@Gmail.COM  "        | ana.perez@gmail.com
            <ana@example.com>                | ana@example.com
            mailto:ana@example.com           | ana@example.com
            MAILTO:Ana@Example.com           | ana@example.com
            <mailto:ana@example.com>         | ana@example.com
            ana+promo@shop.com.ar            | ana+promo@shop.com.ar
            o'neill@mail.ie                  | o'neill@mail.ie
            juan_perez-99@sub.dominio.com.br | juan_perez-99@sub.dominio.com.br
            x@a-b.co                         | x@a-b.co
            maría@correo.es                  | maría@correo.es
            user@xn--espaa-rta.xn--p1ai      | user@xn--espaa-rta.xn--p1ai
            """)
    void valid(String raw, String expected) {
        assertThat(email(raw)).isEqualTo(Normalized.ok(expected));
    }

    @ParameterizedTest(name = "{0} is invalid")
    @ValueSource(strings = {
        "ana", "ana@", "@example.com", "ana@@example.com", "ana@bob@example.com", "ana perez@example.com",
        "ana@example", "ana@example.c", "ana@example.c0m", "ana@exa_mple.com", "ana@example..com",
        "ana..perez@example.com", ".ana@example.com", "ana.@example.com", "ana@.example.com",
        "ana@example.com.", "ana@-example.com", "ana@example-.com", "ana@exam ple.com", "ana,bob@example.com",
        "ana@example.com; bob@example.com", "<>", "mailto:", "ana@123.456"
    })
    void invalid(String raw) {
        assertThat(email(raw)).isEqualTo(Normalized.invalid("invalid email"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "\u00A0"})
    void blankIsEmpty(String raw) {
        assertThat(email(raw)).isEqualTo(Normalized.EMPTY);
    }
}
