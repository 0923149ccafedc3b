package io.idem.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.idem.core.model.FieldKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AmountNormalizerTest {
    private final Normalizers normalizers = new Normalizers("AR");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            1234.50          | 1234.50
            1234,50          | 1234.50
            1.234,50         | 1234.50
            1,234.50         | 1234.50
            $ 1.234,50       | 1234.50
            $1,234.50        | 1234.50
            "  1234  "       | 1234
            1234.5           | 1234.5
            1.234            | 1234
            1,234            | 1234
            12.345           | 12345
            1.234.567        | 1234567
            1,234,567.89     | 1234567.89
            1.234.567,89     | 1234567.89
            1 234,50         | 1234.50
            1'234.50         | 1234.50
            0.125            | 0.125
            0,5              | 0.5
            .50              | 0.50
            1234.567         | 1234.567
            0001234.00       | 1234.00
            -12.50           | -12.50
            $ -1.234,50      | -1234.50
            -$ 12            | -12
            +7               | 7
            -0.00            | 0.00
            ARS 1.500        | 1500
            1.500 ARS        | 1500
            R$ 49,90         | 49.90
            US$ 10.99        | 10.99
            € 15,00          | 15.00
            15,00 €          | 15.00
            0                | 0
            """)
    void valid(String raw, String expected) {
        assertThat(normalizers.normalize(FieldKind.AMOUNT, raw)).isEqualTo(Normalized.ok(expected));
    }

    @ParameterizedTest(name = "{0} is invalid")
    @ValueSource(strings = {
        "abc", "$", "12abc34", "1.2.3", "1,23,456", "1.234,56,7", "1,234.5.6", "1..5", "12.", "1 2", "--12",
        "12-", "(12.50)", "1.234 567,00", "total 12", "1,2345.00", "12.34,5"
    })
    void invalid(String raw) {
        assertThat(normalizers.normalize(FieldKind.AMOUNT, raw))
                .isEqualTo(Normalized.invalid("invalid amount '" + raw.trim() + "'"));
    }
}
