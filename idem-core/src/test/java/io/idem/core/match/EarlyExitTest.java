package io.idem.core.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Scorer#scoreAtLeast} gives up only on pairs whose full score is below the threshold, and
 * scores every other pair exactly as {@link Scorer#scoreToDecide} does: same fields, same weight,
 * same probability, so no decision changes.
 */
class EarlyExitTest {
    private static final String[] GIVEN = {"juan", "maria", "jose", "ana", "luis", "j", "m", "juana", "mariana",
        "josefina", "lucia", "lucas"};
    private static final String[] FAMILY = {"gonzalez", "gonzales", "perez", "peres", "villalba", "vilalba",
        "rodriguez", "garcia", "lopez", "nunez", "martinez", "fernandez"};
    private static final String[] DATES = {"1980-01-02", "1980-02-01", "1980-01-03", "1981-01-02", "1980-06-15",
        "1975-11-30"};
    private static final String[] POSTCODES = {"1414", "C1414ABC", "1415", "5000", "2000"};
    private static final String[] CITIES = {"caba", "capital federal", "cordoba", "rosario", "cordova"};
    private static final String[] ADDRESSES = {"av corrientes 1234", "corrientes 1234", "av corrientes 1235",
        "san martin 55", "belgrano 7"};
    private static final String[] DOCS = {"20123456", "20123465", "30111222", "27999888"};
    private static final String[] PHONES = {"+5491141234567", "+541141234567", "+5493514445566"};
    private static final String[] EMAILS = {"juan.perez@gmail.com", "juan.perez@hotmail.com", "juanperez@gmail.com",
        "maria.gonzalez@yahoo.com", "juan.peres@gmail.com"};

    private static <T> T pick(Random r, T[] values, double present) {
        return r.nextDouble() < present ? values[r.nextInt(values.length)] : null;
    }

    private static String[] some(Random r, String[] values, double present, int max) {
        List<String> out = new ArrayList<>();
        int n = r.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            String v = pick(r, values, present);
            if (v != null && !out.contains(v)) {
                out.add(v);
            }
        }
        return out.toArray(new String[0]);
    }

    static MatchRecord record(Random r) {
        boolean labelled = r.nextDouble() < 0.7;
        String[] given = labelled ? some(r, GIVEN, 0.9, 2) : new String[0];
        String[] family = labelled ? some(r, FAMILY, 0.9, 2) : new String[0];
        String[] full = labelled ? new String[0] : some(r, r.nextBoolean() ? GIVEN : FAMILY, 0.9, 4);
        return new MatchRecord(given, family, full, pick(r, DATES, 0.7), pick(r, new String[] {"f", "m"}, 0.5),
                pick(r, POSTCODES, 0.6), pick(r, CITIES, 0.6), pick(r, ADDRESSES, 0.4), some(r, DOCS, 0.6, 1),
                some(r, PHONES, 0.6, 2), some(r, EMAILS, 0.6, 2));
    }

    /** Frequencies from random counts, with a household-shared phone and a large population. */
    private static Frequencies frequencies(Random r) {
        Map<String, Double> shares = new HashMap<>();
        for (String[] pool : new String[][] {GIVEN, FAMILY, POSTCODES, CITIES}) {
            for (String v : pool) {
                shares.put(v, r.nextDouble() < 0.2 ? 1e-6 : r.nextDouble() * 0.3);
            }
        }
        long population = 1 + r.nextInt(2_000_000);
        return new Frequencies() {
            @Override
            public double share(MatchField field, String value) {
                if (field == MatchField.PHONE || field == MatchField.EMAIL) {
                    return value.equals(PHONES[0]) || value.equals(EMAILS[0]) ? 1.0 : Double.NaN;
                }
                if (field == MatchField.POSTCODE || field == MatchField.CITY) {
                    return shares.getOrDefault(value, Double.NaN);
                }
                return shares.getOrDefault(value, Double.NaN);
            }

            @Override
            public long population() {
                return population;
            }
        };
    }

    /** Default m, or a random perturbation of it as an estimate could give. */
    private static MatchWeights weights(Random r) {
        if (r.nextBoolean()) {
            return MatchWeights.defaults();
        }
        double[][] m = MatchWeights.defaultM();
        for (double[] row : m) {
            for (int j = 0; j < row.length; j++) {
                row[j] = row[j] == 0 ? 0 : Math.max(1e-4, row[j] * (0.1 + 3 * r.nextDouble()));
            }
        }
        return MatchWeights.of(m, 1000);
    }

    @Test
    void givesUpOnlyBelowTheThresholdAndScoresTheRestExactly() {
        Random r = new Random(42);
        int exits = 0;
        int kept = 0;
        for (int round = 0; round < 40; round++) {
            Scorer scorer = new Scorer(-12 - r.nextInt(10), weights(r));
            Frequencies freq = frequencies(r);
            double threshold = new double[] {0.25, 0.5, 0.01, 0.99, 0.9999}[round % 5];
            for (int i = 0; i < 100; i++) {
                MatchRecord a = record(r);
                Scorer.Probe probe = scorer.probe(a, freq);
                for (int j = 0; j < 50; j++) {
                    MatchRecord b = r.nextInt(4) == 0 ? variant(r, a) : record(r);
                    Score full = scorer.scoreToDecide(a, b, freq);
                    Score fast = scorer.scoreAtLeast(probe, b, threshold);
                    if (fast == null) {
                        exits++;
                        assertThat(full.probability()).as("%s ~ %s", a, b).isLessThan(threshold);
                    } else {
                        kept++;
                        assertThat(fast.probability()).isEqualTo(full.probability());
                        assertThat(fast.weight()).isEqualTo(full.weight());
                        assertThat(fast.fields()).isEqualTo(full.fields());
                    }
                }
            }
        }
        assertThat(exits).isGreaterThan(1000);
        assertThat(kept).isGreaterThan(1000);
    }

    /** The same record with a few fields changed or dropped: pairs near the thresholds. */
    private static MatchRecord variant(Random r, MatchRecord a) {
        MatchRecord o = record(r);
        boolean labelled = a.full().length == 0 && o.full().length == 0;
        MatchRecord names = r.nextInt(4) == 0 ? o : a;
        return new MatchRecord(labelled && r.nextInt(4) == 0 ? o.given() : names.given(),
                labelled && r.nextInt(4) == 0 ? o.family() : names.family(), names.full(), r.nextInt(3) == 0 ? o.birth() : a.birth(), a.gender(),
                r.nextInt(3) == 0 ? o.postcode() : a.postcode(), r.nextInt(3) == 0 ? o.city() : a.city(),
                a.address(), r.nextInt(3) == 0 ? o.documents() : a.documents(),
                r.nextInt(3) == 0 ? o.phones() : a.phones(), r.nextInt(3) == 0 ? o.emails() : a.emails());
    }
}
