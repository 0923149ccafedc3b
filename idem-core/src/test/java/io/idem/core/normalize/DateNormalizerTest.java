package io.idem.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.idem.core.model.FieldKind;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateNormalizerTest {
    private static final Clock TODAY = Clock.fixed(Instant.parse("2025-06-15T12:00:00Z"), ZoneOffset.UTC);
    private final Normalizers normalizers = new Normalizers("AR", TODAY, 0);

    private Normalized birth(String raw) {
        return normalizers.normalize(FieldKind.BIRTH_DATE, raw);
    }

    private Normalized timestamp(String raw) {
        return normalizers.normalize(FieldKind.TIMESTAMP, raw);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1990-05-12          | 1990-05-12
            19900512            | 1990-05-12
            12/05/1990          | 1990-05-12
            12-05-1990          | 1990-05-12
            2/5/1990            | 1990-05-02
            02/5/1990           | 1990-05-02
            1990/05/12          | 1990-05-12
            1990-5-2            | 1990-05-02
            2000-02-29          | 2000-02-29
            29/02/2024          | 2024-02-29
            1900-01-01          | 1900-01-01
            2025-06-15          | 2025-06-15
            1990-05-12 00:00:00 | 1990-05-12
            1990-05-12T00:00:00Z | 1990-05-12
            1990-05-12 00:00    | 1990-05-12
            12/05/1990 0:00     | 1990-05-12
            2/5/1990 0:00:00    | 1990-05-02
            12.05.1990          | 1990-05-12
            12/05/90            | 1990-05-12
            5/3/13              | 2013-03-05
            5/3/14              | 1914-03-05
            12-may-1990         | 1990-05-12
            12-May-90           | 1990-05-12
            12 de mayo de 1990  | 1990-05-12
            3 Sept 1975         | 1975-09-03
            32906               | 1990-02-02
            """)
    void birthDates(String raw, String expected) {
        assertThat(birth(raw)).isEqualTo(Normalized.ok(expected));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2023-02-30          | impossible date '2023-02-30'
            1990-13-01          | impossible date '1990-13-01'
            31/04/1990          | impossible date '31/04/1990'
            29/02/2023          | impossible date '29/02/2023'
            1900-02-29          | impossible date '1900-02-29'
            12/25/1990          | impossible date '12/25/1990'
            19901301            | impossible date '19901301'
            1990-00-10          | impossible date '1990-00-10'
            00/01/1990          | impossible date '00/01/1990'
            2025-06-16          | birth date in the future '2025-06-16'
            2099-01-01          | birth date in the future '2099-01-01'
            1899-12-31          | birth date before 1900 '1899-12-31'
            0001-01-01          | birth date before 1900 '0001-01-01'
            31.04.1990          | impossible date '31.04.1990'
            30/02/90            | impossible date '30/02/90'
            12-mayo-1990x       | unrecognised date '12-mayo-1990x' (expected YYYY-MM-DD, YYYYMMDD, DD/MM/YYYY or DD-MM-YYYY)
            12-foo-1990         | unrecognised date '12-foo-1990' (expected YYYY-MM-DD, YYYYMMDD, DD/MM/YYYY or DD-MM-YYYY)
            99999               | birth date in the future '99999'
            1990-05/12          | unrecognised date '1990-05/12' (expected YYYY-MM-DD, YYYYMMDD, DD/MM/YYYY or DD-MM-YYYY)
            May 12 1990         | unrecognised date 'May 12 1990' (expected YYYY-MM-DD, YYYYMMDD, DD/MM/YYYY or DD-MM-YYYY)
            1990                | unrecognised date '1990' (expected YYYY-MM-DD, YYYYMMDD, DD/MM/YYYY or DD-MM-YYYY)
            1990-05-12 03:00:00 | unrecognised date '1990-05-12 03:00:00' (expected YYYY-MM-DD, YYYYMMDD, DD/MM/YYYY or DD-MM-YYYY)
            1990-05-12-         | unrecognised date '1990-05-12-' (expected YYYY-MM-DD, YYYYMMDD, DD/MM/YYYY or DD-MM-YYYY)
            123/05/1990         | unrecognised date '123/05/1990' (expected YYYY-MM-DD, YYYYMMDD, DD/MM/YYYY or DD-MM-YYYY)
            """)
    void badBirthDates(String raw, String problem) {
        assertThat(birth(raw)).isEqualTo(Normalized.invalid(problem));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2024-03-01T10:15:00Z          | 2024-03-01T10:15:00Z
            2024-03-01 10:15:00           | 2024-03-01T10:15:00Z
            2024-03-01T10:15              | 2024-03-01T10:15:00Z
            2024-03-01T10:15:30.250Z      | 2024-03-01T10:15:30.250Z
            2024-03-01 10:15:30,5         | 2024-03-01T10:15:30.500Z
            2024-03-01T10:15:00-03:00     | 2024-03-01T13:15:00Z
            2024-03-01T10:15:00+0100      | 2024-03-01T09:15:00Z
            2024-03-01T01:15:00+02        | 2024-02-29T23:15:00Z
            2024-03-01 10:15:00 UTC       | 2024-03-01T10:15:00Z
            2024-03-01 10:15:00 -03:00    | 2024-03-01T13:15:00Z
            2024-03-01                    | 2024-03-01T00:00:00Z
            20240301                      | 2024-03-01T00:00:00Z
            01/03/2024                    | 2024-03-01T00:00:00Z
            1-3-2024                      | 2024-03-01T00:00:00Z
            01/03/2024 10:15              | 2024-03-01T10:15:00Z
            1/3/2024 10:15:00             | 2024-03-01T10:15:00Z
            1/3/2024 9:15                 | 2024-03-01T09:15:00Z
            2030-01-01T00:00:00Z          | 2030-01-01T00:00:00Z
            """)
    void timestamps(String raw, String expected) {
        assertThat(timestamp(raw)).isEqualTo(Normalized.ok(expected));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2024-02-30T10:15:00Z   | impossible timestamp '2024-02-30T10:15:00Z'
            2024-03-01T24:00:00Z   | impossible timestamp '2024-03-01T24:00:00Z'
            2024-03-01T10:60       | impossible timestamp '2024-03-01T10:60'
            2024-13-01             | impossible timestamp '2024-13-01'
            2024-03-01T10          | unrecognised timestamp '2024-03-01T10' (expected ISO-8601 like 2024-03-01T10:15:00Z or 2024-03-01 10:15:00, or a date)
            2024-03-01T10:15:00X   | unrecognised timestamp '2024-03-01T10:15:00X' (expected ISO-8601 like 2024-03-01T10:15:00Z or 2024-03-01 10:15:00, or a date)
            2024-03-01T10:15:00+03: | unrecognised timestamp '2024-03-01T10:15:00+03:' (expected ISO-8601 like 2024-03-01T10:15:00Z or 2024-03-01 10:15:00, or a date)
            yesterday              | unrecognised timestamp 'yesterday' (expected ISO-8601 like 2024-03-01T10:15:00Z or 2024-03-01 10:15:00, or a date)
            1709288100             | unrecognised timestamp '1709288100' (expected ISO-8601 like 2024-03-01T10:15:00Z or 2024-03-01 10:15:00, or a date)
            """)
    void badTimestamps(String raw, String problem) {
        assertThat(timestamp(raw)).isEqualTo(Normalized.invalid(problem));
    }
}
