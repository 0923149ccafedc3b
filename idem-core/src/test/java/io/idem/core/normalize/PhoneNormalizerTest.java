package io.idem.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.idem.core.model.FieldKind;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNormalizerTest {
    private static Normalized phone(String region, String raw) {
        return new Normalizers(region).normalize(FieldKind.PHONE, raw);
    }

    /** Every way of writing the same Argentine mobile gives one E.164 number. */
    @ParameterizedTest(name = "{0} -> +5491141234567")
    @ValueSource(strings = {
        "011 15-4123-4567", "(011) 15 4123 4567", "11 4123 4567", "+54 9 11 4123-4567", "5491141234567",
        "+5491141234567", "54 11 4123 4567", "011 4123 4567", "+54 11 4123 4567", "11 15 4123 4567",
        "+54 11 15 4123 4567", "1141234567", "tel:+54-9-11-4123-4567", "  011 15 4123-4567  "
    })
    void argentineMobileForms(String raw) {
        assertThat(phone("AR", raw)).isEqualTo(Normalized.ok("+5491141234567"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            AR | 0223 15 512 3456    | +5492235123456
            AR | 223 512 3456        | +5492235123456
            AR | +54 223 512-3456    | +5492235123456
            AR | 0341 15 512-3456    | +5493415123456
            AR | 0800 123 4567       | +548001234567
            AR | +34 612 345 678     | +34612345678
            AR | 0034 612 345 678    | +34612345678
            AR | +55 11 91234-5678   | +5511912345678
            AR | 00 46 8 506 16100   | +46850616100
            AR | +598 94 123 456     | +59894123456
            AR | +56 9 6123 4567     | +56961234567
            AR | +1 (202) 555-0123   | +12025550123
            ES | 612 345 678         | +34612345678
            ES | +34 612-34-56-78    | +34612345678
            ES | 0034612345678       | +34612345678
            ES | +54 9 11 4123 4567  | +5491141234567
            ES | +54 11 4123 4567    | +5491141234567
            BR | (11) 91234-5678     | +5511912345678
            BR | +55 (11) 91234 5678 | +5511912345678
            BR | +34 612 345 678     | +34612345678
            CL | 9 6123 4567         | +56961234567
            """)
    void valid(String region, String raw, String expected) {
        assertThat(phone(region, raw)).isEqualTo(Normalized.ok(expected));
    }

    @ParameterizedTest(name = "{0} {1} is invalid")
    @CsvSource(delimiter = '|', textBlock = """
            AR | 123
            AR | 12345
            AR | abc
            AR | 15 4123 4567
            AR | +54 351 123 4567
            AR | +54 9 11 15 4123 4567
            AR | +99 1234 5678
            AR | 1234567890123456789
            AR | 0000000000
            AR | 1234567890
            AR | +34 112 345 678
            ES | 12 345
            BR | +55 11 1234
            """)
    void invalid(String region, String raw) {
        assertThat(phone(region, raw)).isEqualTo(Normalized.invalid("invalid phone"));
    }

    @Test
    void blankIsEmpty() {
        assertThat(phone("AR", "  ")).isEqualTo(Normalized.EMPTY);
        assertThat(phone("AR", null)).isEqualTo(Normalized.EMPTY);
    }

    @Test
    void cachedAndUncachedAgree() {
        Normalizers cached = new Normalizers("AR", Clock.systemUTC(), 4);
        Normalizers uncached = new Normalizers("AR", Clock.systemUTC(), 0);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 50; i++) {
                String raw = "011 15 4123 " + (1000 + i);
                assertThat(cached.normalize(FieldKind.PHONE, raw)).isEqualTo(uncached.normalize(FieldKind.PHONE, raw));
            }
        }
    }

    /** The Argentine fast path must give exactly what the libphonenumber parser path gives. */
    @Test
    void argentineFastPathAgreesWithParser() {
        PhoneNormalizer fast = new PhoneNormalizer("AR", 0, true);
        PhoneNormalizer parser = new PhoneNormalizer("AR", 0, false);
        java.util.Random random = new java.util.Random(42);
        int valid = 0;
        int checked = 0;
        for (int i = 0; i < 6_000; i++) {
            String g = (1 + random.nextInt(3)) + String.format(java.util.Locale.ROOT, "%09d", random.nextInt(1_000_000_000));
            if (i % 10 == 0) {
                g = "11" + String.format(java.util.Locale.ROOT, "%08d", random.nextInt(100_000_000));
            }
            int area = 2 + random.nextInt(3);
            String withFifteen = g.substring(0, area) + "15" + g.substring(area);
            for (String raw : new String[] {g, "0" + g, "549" + g, "+549" + g, "+54" + g, "54" + g, "0" + withFifteen,
                withFifteen, "+54" + withFifteen, "0" + g.substring(0, area) + " 15 " + g.substring(area)}) {
                Normalized expected = parser.normalize(raw);
                assertThat(fast.normalize(raw)).as(raw).isEqualTo(expected);
                valid += expected.valid() ? 1 : 0;
                checked++;
            }
        }
        assertThat(valid).as("valid numbers among %d checked", checked).isGreaterThan(checked / 10);
    }

    @Test
    void cacheIsBounded() {
        BoundedCache<Integer, Integer> cache = new BoundedCache<>(100);
        for (int i = 0; i < 10_000; i++) {
            cache.put(i, i);
            assertThat(cache.size()).isLessThanOrEqualTo(100);
        }
        assertThat(cache.get(9_999)).isEqualTo(9_999);
        assertThat(cache.get(0)).isNull();
    }

    @Test
    void threadSafe() throws Exception {
        Normalizers shared = new Normalizers("AR", Clock.systemUTC(), 64);
        Normalizers reference = new Normalizers("AR", Clock.systemUTC(), 0);
        List<String> raws = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            raws.add(i % 3 == 0 ? "+54 9 11 5" + (100_0000 + i * 7) : i % 3 == 1 ? "011 15 4" + (100_0000 + i) : "x" + i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Normalized>>> results = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                results.add(pool.submit(() -> {
                    List<Normalized> out = new ArrayList<>();
                    for (int round = 0; round < 5; round++) {
                        for (String raw : raws) {
                            out.add(shared.normalize(FieldKind.PHONE, raw));
                        }
                    }
                    return out;
                }));
            }
            for (Future<List<Normalized>> f : results) {
                List<Normalized> out = f.get();
                for (int i = 0; i < out.size(); i++) {
                    assertThat(out.get(i)).isEqualTo(reference.normalize(FieldKind.PHONE, raws.get(i % raws.size())));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
