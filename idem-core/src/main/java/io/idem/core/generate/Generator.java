package io.idem.core.generate;

import io.idem.core.IdemException;
import io.idem.core.generate.Channels.Channel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Generates a synthetic multichannel customer data set for an Argentine retailer, with the answer key.
 *
 * <p>A population of people is built first (names, document, e-mails, phones, address, households);
 * then six channel files are streamed from it, each row drawn from its own random stream, plus
 * {@code truth.csv} naming the real person behind every row. The output is a pure function of the seed
 * and the number of persons: same inputs, byte-identical files.
 *
 * <p>Files (UTF-8, comma separated, RFC 4180 quoting, header row, LF): {@code ecommerce.csv},
 * {@code concurso.csv}, {@code tienda.csv}, {@code fidelizacion.csv}, {@code app.csv},
 * {@code callcenter.csv}; the first column {@code id} is unique within its file.
 *
 * <p>The truth describes a world in which the accuracy target is meaningful. An app install that
 * never logs in carries only a device id and events: nothing ties it to anyone. In this world such
 * an install belongs to an <em>anonymous visitor</em>, a truth entity of its own
 * ({@code visitor-N} in {@code truth.csv}), not to a customer, and every customer's own app installs
 * log in at least once (so the customer's device is linked). The data keeps the same share of
 * anonymous-only device events, so the mess stays and profiles never reconcile 100%; only the
 * answer key changed. Before, the key assigned those devices to customers, which made 14% of the
 * true pairs unreachable: pairs no engine could link, which penalise every engine equally and hide
 * what the others measure.
 */
public final class Generator {
    /** What was written. {@code recordsBySource} is in file order: ecommerce, concurso, tienda, fidelizacion, app, callcenter. */
    public record Summary(int persons, Map<String, Integer> recordsBySource, long totalRecords, Path truthFile) {
    }

    /** Upper bound on persons: documents are unique within 10,000,000..45,000,000. */
    public static final int MAX_PERSONS = 10_000_000;

    private static final int DNI_MIN = 10_000_000;
    private static final int DNI_MAX = 45_000_000;

    private final long seed;

    public Generator(long seed) {
        this.seed = seed;
    }

    /**
     * Writes the channel files and {@code truth.csv} into {@code outDir} (created if missing, files
     * overwritten). About 4 rows per person: 250,000 persons give about a million records.
     */
    public Summary generate(int persons, Path outDir) {
        if (persons < 1 || persons > MAX_PERSONS) {
            throw new IdemException.InvalidInput("persons must be between 1 and " + MAX_PERSONS + ", got " + persons);
        }
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new IdemException("cannot create output directory " + outDir + ": " + e.getMessage(), e);
        }
        Person[] people = people(persons);
        Channel[] channels = Channels.all(seed);
        try {
            return writeAll(channels, people, outDir);
        } finally {
            for (Channel c : channels) {
                try {
                    Files.deleteIfExists(truthPart(outDir, c));
                } catch (IOException ignored) {
                    // best effort: only left behind when writing already failed
                }
            }
        }
    }

    private Summary writeAll(Channel[] channels, Person[] people, Path outDir) {
        long[] counts = new long[channels.length];
        int threads = Math.min(channels.length, Runtime.getRuntime().availableProcessors());
        if (threads <= 1) {
            for (int c = 0; c < channels.length; c++) {
                counts[c] = writeChannel(channels[c], people, outDir);
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "idem-generate");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<Long>> futures = new ArrayList<>();
                for (Channel c : channels) {
                    futures.add(pool.submit(() -> writeChannel(c, people, outDir)));
                }
                for (int c = 0; c < channels.length; c++) {
                    counts[c] = futures.get(c).get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IdemException("generation interrupted", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new IdemException("generation failed: " + cause, cause);
            } finally {
                pool.shutdownNow();
            }
        }
        Path truth = outDir.resolve("truth.csv");
        Map<String, Integer> bySource = new LinkedHashMap<>();
        long total = 0;
        try (OutputStream out = Files.newOutputStream(truth)) {
            out.write("source,record_id,person_id\n".getBytes(StandardCharsets.UTF_8));
            for (int c = 0; c < channels.length; c++) {
                Path part = truthPart(outDir, channels[c]);
                Files.copy(part, out);
                Files.delete(part);
                bySource.put(channels[c].name, Math.toIntExact(counts[c]));
                total += counts[c];
            }
        } catch (IOException e) {
            throw new IdemException("cannot write " + truth + ": " + e.getMessage(), e);
        }
        return new Summary(people.length, Collections.unmodifiableMap(bySource), total, truth);
    }

    private static Path truthPart(Path outDir, Channel c) {
        return outDir.resolve(".truth-" + c.name + ".part");
    }

    /**
     * Streams one channel file and its slice of the truth. Rows go out in rounds over a shuffled person
     * order, one row per person per round, so one person's rows are spread over the file. A row's content
     * depends only on (seed, channel, person, row number), never on where it lands.
     */
    private long writeChannel(Channel c, Person[] people, Path outDir) {
        int n = people.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom shuffle = new SplittableRandom(mix(seed, 11, c.number, 0));
        for (int i = n - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        byte[] counts = new byte[n]; // rows per person, in output order
        int rounds = 0;
        for (int i = 0; i < n; i++) {
            counts[i] = (byte) c.count(people[order[i]]);
            rounds = Math.max(rounds, counts[i]);
        }
        int pidWidth = Math.max(6, Integer.toString(n).length());
        Path file = outDir.resolve(c.name + ".csv");
        try (Csv out = new Csv(file); Csv truth = new Csv(truthPart(outDir, c))) {
            out.addAll(c.header).end();
            StringBuilder id = new StringBuilder(16);
            StringBuilder pid = new StringBuilder(16);
            long rows = 0;
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < n; i++) {
                    int count = counts[i];
                    if (count <= round) {
                        continue;
                    }
                    Person p = people[order[i]];
                    // each person starts at their own row, so a round mixes first, second, ... rows
                    int k = (int) ((round + (mix(seed, 13, c.number, p.index) >>> 1)) % count);
                    rows++;
                    id.setLength(0);
                    c.id(id, rows);
                    out.add(id);
                    c.row(p, k, new SplittableRandom(mix(seed, c.number, p.index, k)), out);
                    out.end();
                    pid.setLength(0);
                    c.truth(p, k, pid, pidWidth);
                    truth.add(c.name).add(id).add(pid).end();
                }
            }
            return rows;
        } catch (IOException e) {
            throw new IdemException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static void loyaltyCode(StringBuilder b, int code) {
        b.append("FID-");
        Text.pad(b, code, 7);
    }

    /** A well-mixed 64-bit seed for the stream identified by (seed, a, b, c). */
    static long mix(long seed, long a, long b, long c) {
        long h = smix(seed + 0x9E3779B97F4A7C15L);
        h = smix(h ^ (a + 0x632BE59BD9B4E019L));
        h = smix(h ^ (b * 0x9E3779B97F4A7C15L + 0x2545F4914F6CDD1DL));
        return smix(h ^ (c * 0xD1B54A32D192ED03L + 0x8CB92BA72F3D8DD7L));
    }

    private static long smix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // ---------------------------------------------------------------- population

    private static final int[] AREA_WEIGHTS = Channels.cumulative(Names.AREA_WEIGHTS);
    private static final int[] DOMAIN_WEIGHTS = Channels.cumulative(Names.DOMAIN_WEIGHTS);
    private static final int[] HOUSEHOLD_SIZE = Channels.cumulative(50, 30, 20);
    private static final int[] ORDERS = Channels.cumulative(45, 35, 20);
    private static final int[] TICKETS = Channels.cumulative(40, 30, 15, 10, 5);
    private static final int[] EMAIL_PATTERN = Channels.cumulative(18, 10, 6, 14, 10, 10, 8, 6, 6, 6, 6);
    /** Postal province letters per area, for CPA-style postcodes ("C1414ABC"). */
    private static final String PROVINCE_LETTERS = "BXSMBBTASQWNJEURL";

    /** Builds the population; deterministic for the seed. Package-private so tests can read the truth. */
    Person[] people(int n) {
        Builder b = new Builder(n);
        Person[] out = new Person[n];
        int i = 0;
        while (i < n) {
            if (n - i >= 2 && b.r.nextDouble() < 0.031) {
                int size = Math.min(n - i, 2 + Channels.pick(b.r, HOUSEHOLD_SIZE));
                Household h = b.household(size);
                for (int m = 0; m < size; m++) {
                    out[i + m] = b.member(i + m, h, m, out[i]);
                }
                b.shareEmail(h, out[i]);
                i += size;
            } else {
                out[i] = b.single(i);
                i++;
            }
        }
        for (Person p : out) {
            b.channels(p);
        }
        return out;
    }

    /** Population-building state: one random stream plus the sets that keep identifiers unique. */
    private final class Builder {
        final SplittableRandom r = new SplittableRandom(mix(seed, 7, 0, 0));
        final long[] dniUsed = new long[((DNI_MAX - DNI_MIN) >> 6) + 1];
        final HashSet<String> emails;
        final HashSet<String> numbers;
        int nextLoyalty;

        Builder(int n) {
            emails = new HashSet<>(n * 3);
            numbers = new HashSet<>(n * 3);
            nextLoyalty = 1000 + r.nextInt(5000);
        }

        Person single(int index) {
            Person p = new Person(index, null);
            p.gender = r.nextBoolean() ? 'F' : 'M';
            int year = birthYear();
            identity(p, year, Names.SURNAMES[r.nextInt(Names.SURNAMES.length)]);
            int area = area();
            address(p, area);
            p.email = r.nextDouble() < 0.95 ? newEmail(p, year) : null;
            phones(p, r.nextDouble() < 0.9 ? area : area());
            return p;
        }

        Household household(int size) {
            Household h = new Household(area());
            h.size = size;
            h.surname = Names.SURNAMES[r.nextInt(Names.SURNAMES.length)];
            Person tmp = new Person(-1, null);
            address(tmp, h.area);
            h.street = tmp.street;
            h.streetNumber = tmp.streetNumber;
            h.unit = tmp.unit;
            h.city = tmp.city;
            h.postcode = tmp.postcode;
            h.headBirthYear = 1950 + r.nextInt(39);
            if (r.nextDouble() < 0.65) {
                h.landline = newNumber(h.area, false);
                h.landlineAreaLen = Names.AREAS[h.area].length();
            }
            return h;
        }

        /** Member 0 is the head, 1 the partner (own surname), 2+ children (the head's surname). */
        Person member(int index, Household h, int m, Person head) {
            Person p = new Person(index, h);
            int year;
            String surname;
            if (m == 0) {
                p.gender = r.nextBoolean() ? 'F' : 'M';
                year = h.headBirthYear;
                surname = h.surname;
            } else if (m == 1) {
                boolean opposite = r.nextDouble() < 0.9;
                p.gender = (head.gender == 'F') == opposite ? 'M' : 'F';
                year = Math.max(1940, Math.min(2006, h.headBirthYear - 6 + r.nextInt(13)));
                surname = Names.SURNAMES[r.nextInt(Names.SURNAMES.length)];
            } else {
                p.gender = r.nextBoolean() ? 'F' : 'M';
                year = Math.min(2006, h.headBirthYear + 22 + r.nextInt(17));
                surname = h.surname;
            }
            identity(p, year, surname);
            p.street = h.street;
            p.streetNumber = h.streetNumber;
            p.unit = h.unit;
            p.city = h.city;
            p.postcode = h.postcode;
            double own = m == 0 ? 0.92 : m == 1 ? 0.8 : 0.55;
            p.email = r.nextDouble() < own ? newEmail(p, year) : null;
            phones(p, r.nextDouble() < 0.85 ? h.area : area());
            return p;
        }

        /**
         * 70% of households share an e-mail: a dedicated family address or the head's own one. Members
         * without an address of their own use it everywhere; the others now and then.
         */
        void shareEmail(Household h, Person head) {
            if (r.nextDouble() >= 0.7) {
                return;
            }
            h.email = head.email != null && r.nextBoolean() ? head.email : familyEmail(h.surname);
        }

        void identity(Person p, int year, String surname) {
            boolean female = p.gender == 'F';
            if (r.nextDouble() < 0.12) {
                String[] c = female ? Names.FEMALE_COMPOUND : Names.MALE_COMPOUND;
                p.first = c[r.nextInt(c.length)];
            } else {
                String[] c = female ? Names.FEMALE : Names.MALE;
                p.first = c[r.nextInt(c.length)];
            }
            p.last = r.nextDouble() < 0.1
                    ? surname + " " + Names.SURNAMES[r.nextInt(Names.SURNAMES.length)]
                    : surname;
            p.surnameForEmail = surname;
            int start = (int) LocalDate.of(year, 1, 1).toEpochDay();
            p.birthDay = start + r.nextInt(LocalDate.of(year, 1, 1).lengthOfYear());
            p.dni = dni(year);
        }

        int birthYear() {
            if (r.nextBoolean()) {
                return 1940 + r.nextInt(67);
            }
            double y = 1985 + r.nextGaussian() * 12;
            return (int) Math.max(1940, Math.min(2006, Math.round(y)));
        }

        int area() {
            return Channels.pick(r, AREA_WEIGHTS);
        }

        /** Older people have lower numbers, as with real DNIs; unique via a bitmap. */
        int dni(int year) {
            double t = (year - 1940) / 66.0;
            int span = DNI_MAX - DNI_MIN;
            int target = (int) ((0.03 + 0.9 * t) * span + r.nextGaussian() * 1_200_000);
            int x = Math.max(0, Math.min(span, target));
            // nearest free number, looking up first, then down
            int up = x;
            while (up <= span && (dniUsed[up >> 6] & (1L << (up & 63))) != 0) {
                up++;
            }
            if (up <= span) {
                x = up;
            } else {
                while ((dniUsed[x >> 6] & (1L << (x & 63))) != 0) {
                    x = x == 0 ? span : x - 1;
                }
            }
            dniUsed[x >> 6] |= 1L << (x & 63);
            return DNI_MIN + x;
        }

        void address(Person p, int area) {
            p.street = Names.STREETS[r.nextInt(Names.STREETS.length)];
            p.streetNumber = 1 + (int) (r.nextDouble() * r.nextDouble() * 9000);
            p.unit = r.nextDouble() < 0.3 ? Names.UNITS[r.nextInt(Names.UNITS.length)] : null;
            String[] cities = Names.CITIES[area];
            String c = cities[r.nextInt(cities.length)];
            int bar = c.indexOf('|');
            p.city = c.substring(0, bar);
            String cp = c.substring(bar + 1);
            if (r.nextDouble() < 0.15) {
                char letter = p.city.equals("CABA") ? 'C' : PROVINCE_LETTERS.charAt(area);
                cp = letter + cp + (char) ('A' + r.nextInt(26)) + (char) ('A' + r.nextInt(26))
                        + (char) ('A' + r.nextInt(26));
            }
            p.postcode = cp;
        }

        void phones(Person p, int area) {
            p.mobile = newNumber(area, true);
            p.mobileAreaLen = Names.AREAS[area].length();
            if (r.nextDouble() < 0.05) {
                // changed number: the old one keeps the area (numbers are ported, not the area code)
                p.oldMobile = newNumber(area, true);
                int span = Channels.LAST_DAY - Channels.FIRST_DAY;
                p.changeDay = Channels.FIRST_DAY + 180 + r.nextInt(span - 360);
            }
        }

        /** A fresh 10-digit national number; mobiles and fixed lines use disjoint first subscriber digits. */
        String newNumber(int area, boolean mobile) {
            String code = Names.AREAS[area];
            String firsts = Names.MOBILE_FIRST_DIGITS[area];
            StringBuilder b = new StringBuilder(10);
            while (true) {
                b.setLength(0);
                b.append(code).append(mobile ? firsts.charAt(r.nextInt(firsts.length())) : '4');
                while (b.length() < 10) {
                    b.append((char) ('0' + r.nextInt(10)));
                }
                String s = b.toString();
                if (numbers.add(mobile ? s : "L" + s)) {
                    return s;
                }
            }
        }

        String newEmail(Person p, int year) {
            String f = Text.slug(Text.firstWord(p.first));
            String full = Text.slug(p.first);
            String l = Text.slug(p.surnameForEmail);
            int yy = year % 100;
            StringBuilder b = new StringBuilder(40);
            switch (Channels.pick(r, EMAIL_PATTERN)) {
                case 0 -> b.append(f).append('.').append(l);
                case 1 -> b.append(f).append(l);
                case 2 -> b.append(f).append('_').append(l);
                case 3 -> {
                    b.append(f).append('.').append(l);
                    Text.pad(b, yy, 2);
                }
                case 4 -> b.append(f).append(l).append(year);
                case 5 -> b.append(f.charAt(0)).append(l);
                case 6 -> b.append(f.charAt(0)).append(l).append(1 + r.nextInt(999));
                case 7 -> b.append(l).append('.').append(f);
                case 8 -> b.append(f).append(l.charAt(0)).append(1 + r.nextInt(99));
                case 9 -> b.append(full).append('.').append(l);
                default -> {
                    b.append(l).append(f.charAt(0));
                    Text.pad(b, yy, 2);
                }
            }
            return unique(b);
        }

        String familyEmail(String surname) {
            String l = Text.slug(surname);
            StringBuilder b = new StringBuilder(40);
            switch (r.nextInt(5)) {
                case 0 -> b.append("flia.").append(l);
                case 1 -> b.append("familia").append(l);
                case 2 -> b.append(l).append(".familia");
                case 3 -> b.append("flia").append(l).append(1 + r.nextInt(99));
                default -> b.append("casa").append(l);
            }
            return unique(b);
        }

        /** Adds a domain; on collision appends digits to the local part until the address is new. */
        private String unique(StringBuilder local) {
            String domain = Names.DOMAINS[Channels.pick(r, DOMAIN_WEIGHTS)];
            int len = local.length();
            while (true) {
                String e = local.append('@').append(domain).toString();
                if (emails.add(e)) {
                    return e;
                }
                local.setLength(len);
                local.append(r.nextInt(10));
                len = local.length();
            }
        }

        /** Which channels the person shows up in and how often; loyalty numbers; the second e-mail. */
        void channels(Person p) {
            boolean hasEmail = p.email != null || (p.household != null && p.household.email != null);
            if (hasEmail && r.nextDouble() < 0.63) {
                p.ecommerce = (byte) (1 + Channels.pick(r, ORDERS));
            }
            if (r.nextDouble() < 0.4) {
                p.store = (byte) (1 + Channels.pick(r, TICKETS));
            }
            if (r.nextDouble() < (p.store > 0 ? 0.5 : 0.25)) {
                p.loyaltyRows = 1;
                p.loyalty = nextLoyalty();
                if (r.nextDouble() < 0.02) {
                    p.loyaltyRows = 2;
                    p.loyalty2 = nextLoyalty();
                }
            }
            if (r.nextDouble() < 0.3) {
                p.contest = (byte) (r.nextDouble() < 0.08 ? 2 : 1);
            }
            if (r.nextDouble() < 0.25) {
                p.device0Events = (byte) (2 + r.nextInt(5));
                p.device0Anonymous = !hasEmail || r.nextDouble() < 0.3;
                if (r.nextDouble() < 0.2) {
                    p.device1Events = (byte) (2 + r.nextInt(5));
                    p.device1Anonymous = !hasEmail || r.nextDouble() < 0.3;
                }
            }
            if (r.nextDouble() < 0.1) {
                p.calls = (byte) (r.nextDouble() < 0.8 ? 1 : 2);
            }
            // every customer shows up somewhere (anonymous devices are visitors', not theirs)
            if (p.ecommerce + p.store + p.loyaltyRows + p.contest + p.ownAppEvents() + p.calls == 0) {
                p.store = 1;
            }
            if (p.email != null && r.nextDouble() < 0.1) {
                p.altEmail = newEmail(p, LocalDate.ofEpochDay(p.birthDay).getYear());
                if (p.ecommerce > 0) {
                    p.altAnchor = Channels.ECOMMERCE;
                } else if (p.loyaltyRows > 0) {
                    p.altAnchor = Channels.LOYALTY;
                } else if (p.device0Events > 0 && !p.device0Anonymous) {
                    p.altAnchor = Channels.APP;
                }
            }
        }

        private int nextLoyalty() {
            nextLoyalty += 1 + r.nextInt(30);
            return nextLoyalty;
        }
    }

    static {
        if (PROVINCE_LETTERS.length() != Names.AREAS.length || Names.MOBILE_FIRST_DIGITS.length != Names.AREAS.length
                || Names.CITIES.length != Names.AREAS.length || Names.AREA_WEIGHTS.length != Names.AREAS.length) {
            throw new IllegalStateException("inconsistent area tables");
        }
    }
}
