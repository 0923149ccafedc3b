package io.idem.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.idem.core.model.FieldKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Check digits in these tables were computed with an independent script, not from memory. */
class DocumentNormalizerTest {
    private static Normalized document(String region, String raw) {
        return new Normalizers(region).normalize(FieldKind.DOCUMENT, raw);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            AR | 12.345.678        | 12345678
            AR | 12 345 678        | 12345678
            AR | 012.345.678       | 12345678
            AR | 0012345678        | 12345678
            AR | 1.234.567         | 1234567
            AR | 20-12345678-6     | 20123456786
            AR | 20123456786       | 20123456786
            AR | 27-12345678-0     | 27123456780
            AR | 123456789         | 123456789
            AR | 12345678Z         | 12345678Z
            AR | 529.982.247-25    | 52998224725
            AR | 12.345.678-5      | 123456785
            AR | DNI 30.123.456    | 30123456
            AR | D.N.I. 30123456   | 30123456
            AR | dni:30.123.456    | 30123456
            AR | DNI N° 30.123.456 | 30123456
            AR | DNI Nro. 30123456 | 30123456
            AR | DNI30123456       | 30123456
            AR | L.C. 4.123.456    | 4123456
            AR | LE 4123456        | 4123456
            AR | CUIT 20-12345678-6 | 20123456786
            AR | 30123456.0        | 30123456
            AR | 30123456,00       | 30123456
            AR | 1234567.0         | 1234567
            ES | NIF 12345678Z     | 12345678Z
            CL | RUT 12.345.678-5  | 123456785
            AR | 123.000           | 123000
            US | CI 1.234.567-2    | CI12345672
            ES | 12345678Z         | 12345678Z
            ES | 12345678-z        | 12345678Z
            ES | 12.345.678 Z      | 12345678Z
            ES | 1234567L          | 01234567L
            ES | 01234567L         | 01234567L
            ES | 45678912S         | 45678912S
            ES | X1234567L         | X1234567L
            ES | y-1234567-x       | Y1234567X
            ES | Z1234567R         | Z1234567R
            ES | 12345678          | 12345678Z
            ES | 1234567           | 01234567L
            ES | AAA123456         | AAA123456
            BR | 529.982.247-25    | 52998224725
            BR | 52998224725       | 52998224725
            BR | 111.444.777-35    | 11144477735
            BR | 935.411.347-80    | 93541134780
            BR | 12345678          | 12345678
            CL | 12.345.678-5      | 123456785
            CL | 123456785         | 123456785
            CL | 12345678-5        | 123456785
            CL | 7.654.321-6       | 76543216
            CL | 10.000.013-K      | 10000013K
            CL | 7.000.013-k       | 7000013K
            CL | 10000013K         | 10000013K
            ES | 10.000.013-K      | 10000013K
            ES | 12345678-5        | 123456785
            US | 123456789         | 123456789
            US | ab 1234567        | AB1234567
            US | P-123/456         | P123456
            """)
    void valid(String region, String raw, String expected) {
        assertThat(document(region, raw)).isEqualTo(Normalized.ok(expected));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ES | 12345678A             | Spanish DNI control letter should be Z
            AR | 12345678A             | Spanish DNI control letter should be Z
            ES | 1234567A              | Spanish DNI control letter should be L
            ES | X1234567A             | Spanish NIE control letter should be L
            ES | Y1234567L             | Spanish NIE control letter should be X
            BR | 529.982.247-26        | CPF check digits should be 25
            BR | 52998224735           | CPF check digits should be 25
            AR | 529.982.247-52        | CPF check digits should be 25
            BR | 111.111.111-11        | CPF cannot have all digits equal
            CL | 12.345.678-K          | Chilean RUT check digit should be 5
            CL | 12345678-0            | Chilean RUT check digit should be 5
            CL | 10000013-1            | Chilean RUT check digit should be K
            AR | 12.345.678-9          | Chilean RUT check digit should be 5
            CL | 123456780             | Chilean RUT check digit should be 5
            AR | 20-12345678-5         | CUIT/CUIL check digit should be 6
            AR | 20123456785           | CUIT/CUIL check digit should be 6
            AR | 123                   | expected 5 to 20 letters or digits
            US | ABCDEFGHIJKLMNOPQRSTU | expected 5 to 20 letters or digits
            AR | 12#345678             | unexpected character '#'
            AR | 12.345,678            | unexpected character ','
            """)
    void invalid(String region, String raw, String problem) {
        assertThat(document(region, raw)).isEqualTo(Normalized.invalid("invalid document: " + problem));
    }

    @Test
    void blankOrPunctuationOnlyIsEmpty() {
        assertThat(document("AR", " ")).isEqualTo(Normalized.EMPTY);
        assertThat(document("AR", " - ")).isEqualTo(Normalized.EMPTY);
    }
}
