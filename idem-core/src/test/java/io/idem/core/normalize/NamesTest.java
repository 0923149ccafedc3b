package io.idem.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.idem.core.model.FieldKind;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {
    private Locale saved;

    /** Run everything under a Turkish default locale: results must not change. */
    @BeforeEach
    void turkish() {
        saved = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
    }

    @AfterEach
    void restore() {
        Locale.setDefault(saved);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            Mónica NÚÑEZ             | monica nunez
            José-María  O'Neill      | jose maria o neill
            IGNACIO                  | ignacio
            ignacio                  | ignacio
            İsmail IŞIK              | ismail isik
            Strauß                   | strauss
            STRAUSS                  | strauss
            "  Ana   María  "        | ana maria
            François Müller-Lüdenscheidt | francois muller ludenscheidt
            Søren Łukasz             | soren lukasz
            Gonçalves, João          | goncalves joao
            María José (Pepa)        | maria jose pepa
            R2-D2                    | r2 d2
            "Mo\u0301nica"           | monica
            ...                      | ""
            """)
    void comparisonForm(String name, String expected) {
        assertThat(Names.comparisonForm(name)).isEqualTo(expected);
    }

    @Test
    void turkishDottedCapitalI() {
        assertThat(Locale.getDefault().getLanguage()).isEqualTo("tr");
        assertThat(Names.comparisonForm("IGNACIO")).isEqualTo("ignacio");
        assertThat(Names.display("IGNACIO")).isEqualTo("Ignacio");
        assertThat(Names.display("ignacio iriarte")).isEqualTo("Ignacio Iriarte");
        assertThat(Normalizers.class).isNotNull();
        assertThat(new Normalizers("tr").normalize(FieldKind.EMAIL, "INFO@MAIL.COM").value()).isEqualTo("info@mail.com");
        assertThat(new Normalizers("AR").normalize(FieldKind.LOYALTY_ID, "socio-iii").value()).isEqualTo("SOCIO-III");
        assertThat(Headers.kindFor("TIPO_ID")).isEqualTo(FieldKind.ATTRIBUTE);
        assertThat(Headers.kindFor("ID_CLIENTE")).isEqualTo(FieldKind.CUSTOMER_ID);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            MONICA NÚÑEZ              | Monica Núñez
            monica núñez              | Monica Núñez
            "  MARÍA   DE LA CRUZ "   | María de la Cruz
            JUAN DEL VALLE Y GARCÍA   | Juan del Valle y García
            DE LA FUENTE              | De la Fuente
            JOSÉ-MARÍA O'NEILL        | José-María O'Neill
            MARIA DOS SANTOS          | Maria dos Santos
            McDonald                  | McDonald
            María de la Cruz          | María de la Cruz
            van Basten                | van Basten
            "Mo\u0301nica"            | Mónica
            "ANA\u00A0PEREZ"          | Ana Perez
            """)
    void display(String name, String expected) {
        assertThat(Names.display(name)).isEqualTo(expected);
    }

    @Test
    void displayIsNfc() {
        String decomposed = "Mo\u0301nica";
        assertThat(Names.display(decomposed)).isEqualTo("M\u00F3nica").hasSize(6);
        assertThat(Names.clean(" BUENOS   AIRES ")).isEqualTo("BUENOS AIRES");
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            FIRST_NAME | "  MONICA  "          | Monica
            LAST_NAME  | NÚÑEZ DEL CASTILLO    | Núñez del Castillo
            FULL_NAME  | monica núñez          | Monica Núñez
            CITY       | " BUENOS   AIRES "    | BUENOS AIRES
            REGION     | córdoba               | córdoba
            ADDRESS    | "Av.  Corrientes 1234" | Av. Corrientes 1234
            """)
    void nameAndPlaceFields(FieldKind kind, String raw, String expected) {
        assertThat(new Normalizers("AR").normalize(kind, raw)).isEqualTo(Normalized.ok(expected));
    }
}
