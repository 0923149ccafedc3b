package io.idem.core.generate;

import java.util.SplittableRandom;

/**
 * The six channels: what each file looks like and how one person's k-th row in it is written. Every
 * row is drawn from its own random stream seeded by (seed, channel, person, k), so a file's content
 * does not depend on the order rows are written in nor on the other channels.
 */
final class Channels {
    private Channels() {
    }

    static final int ECOMMERCE = 0;
    static final int CONTEST = 1;
    static final int STORE = 2;
    static final int LOYALTY = 3;
    static final int APP = 4;
    static final int CALLCENTER = 5;

    /** First and last (inclusive) epoch day of transactional records: 2022-01-01 .. 2025-06-30. */
    static final int FIRST_DAY = 18993;
    static final int LAST_DAY = 20269;

    /** The channels in output order, bound to the generator seed. */
    static Channel[] all(long seed) {
        Channel[] all = {new Ecommerce(), new Contest(), new Store(), new Loyalty(), new App(), new CallCenter()};
        for (Channel c : all) {
            c.seed = seed;
        }
        return all;
    }

    /** Cumulative weights for {@link #pick}. */
    static int[] cumulative(int... weights) {
        int[] c = new int[weights.length];
        int s = 0;
        for (int i = 0; i < weights.length; i++) {
            s += weights[i];
            c[i] = s;
        }
        return c;
    }

    static int pick(SplittableRandom r, int[] cumulative) {
        int x = r.nextInt(cumulative[cumulative.length - 1]);
        int i = 0;
        while (cumulative[i] <= x) {
            i++;
        }
        return i;
    }

    static <T> T pick(SplittableRandom r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    private static final int[] LANDLINE_FORMS = cumulative(50, 15, 15, 10, 10);

    /** One output file. */
    abstract static class Channel {
        final int number;
        final String name;
        final String[] header;
        private final String idPrefix;
        private final int idWidth;
        long seed;
        /** Scratch buffer for one value; reused, so callers add it to the CSV before the next use. */
        final StringBuilder v = new StringBuilder(64);

        Channel(int number, String name, String idPrefix, int idWidth, String... header) {
            this.number = number;
            this.name = name;
            this.idPrefix = idPrefix;
            this.idWidth = idWidth;
            this.header = header;
        }

        /** How many rows this person has in the channel. */
        abstract int count(Person p);

        /** Writes the columns after {@code id} of the person's k-th row. */
        abstract void row(Person p, int k, SplittableRandom r, Csv out);

        /**
         * Writes the truth entity of the person's k-th row: the person ({@code p000042}). Rows that
         * belong to someone else say whose ({@link App}: an anonymous visitor's device).
         */
        void truth(Person p, int k, StringBuilder b, int width) {
            b.append('p');
            Text.pad(b, p.index + 1, width);
        }

        void id(StringBuilder b, long n) {
            b.append(idPrefix);
            Text.pad(b, n, idWidth);
        }

        /** Clears and returns the scratch buffer. */
        StringBuilder v() {
            v.setLength(0);
            return v;
        }

        static int day(SplittableRandom r) {
            return FIRST_DAY + r.nextInt(LAST_DAY - FIRST_DAY + 1);
        }

        /** The e-mail a person types: their own, sometimes the household's or their other one. */
        static String email(Person p, SplittableRandom r) {
            String family = p.household == null ? null : p.household.email;
            if (p.email == null) {
                return family;
            }
            double x = r.nextDouble();
            if (family != null && !family.equals(p.email) && x < 0.35) {
                return family;
            }
            if (p.altEmail != null && x > 0.75) {
                return p.altEmail;
            }
            return p.email;
        }

        /** Writes a phone of the person as it was on that day: their mobile or, sometimes, the household line. */
        static void phone(StringBuilder b, Person p, int day, SplittableRandom r, double landlineShare, int[] forms) {
            Household h = p.household;
            if (h != null && h.landline != null && r.nextDouble() < landlineShare) {
                Phones.landline(b, h.landline, h.landlineAreaLen, pick(r, LANDLINE_FORMS));
            } else {
                Phones.mobile(b, p.mobileAt(day), p.mobileAreaLen, pick(r, forms));
            }
        }

        static void amount(StringBuilder b, SplittableRandom r, int minPesos, int maxPesos) {
            // skewed towards small tickets: the square of a uniform spreads most amounts near the minimum
            double u = r.nextDouble();
            long cents = (long) ((minPesos + (maxPesos - minPesos) * u * u) * 100);
            if (r.nextInt(3) > 0) {
                cents = cents / 100 * 100; // round pesos
            }
            Text.money(b, cents);
        }

        static String city(Person p, SplittableRandom r) {
            return p.city.equals("CABA") ? pick(r, Names.CABA_FORMS) : p.city;
        }

        static void address(StringBuilder b, Person p, SplittableRandom r) {
            b.append(r.nextInt(20) == 0 ? Text.stripAccents(p.street) : p.street).append(' ').append(p.streetNumber);
            if (p.unit != null) {
                b.append(r.nextBoolean() ? ", " : " ").append(p.unit);
            }
        }

        /** A name part in one of the styles people type: as is, without accents, upper or lower case. */
        static String styled(String s, int style) {
            return switch (style) {
                case 0 -> s;
                case 1 -> Text.stripAccents(s);
                case 2 -> Text.upper(Text.stripAccents(s));
                case 3 -> Text.upper(s);
                default -> Text.lower(Text.stripAccents(s));
            };
        }
    }

    static final class Ecommerce extends Channel {
        private static final int[] PHONE_FORMS = cumulative(15, 10, 5, 20, 15, 10, 10, 10, 3, 2);
        private static final int[] NAME_STYLE = cumulative(80, 12, 3, 2, 3);

        Ecommerce() {
            super(ECOMMERCE, "ecommerce", "ORD-", 7, "id", "documento", "email", "telefono", "nombre", "apellido",
                    "fecha_nacimiento", "direccion", "ciudad", "codigo_postal", "fecha", "monto");
        }

        @Override
        int count(Person p) {
            return p.ecommerce;
        }

        @Override
        void row(Person p, int k, SplittableRandom r, Csv out) {
            int day = day(r);
            if (r.nextDouble() < 0.92) {
                Text.document(v(), p.dni, r.nextDouble() < 0.4);
                out.add(v);
            } else {
                out.add(null);
            }
            String e = p.altAnchor == ECOMMERCE && k == 0 ? p.altEmail : email(p, r);
            if (e != null) {
                Text.messyEmail(v(), e, r, 0.12, 0.06);
                out.add(v);
            } else {
                out.add(null);
            }
            if (r.nextDouble() < 0.92) {
                phone(v(), p, day, r, 0.2, PHONE_FORMS);
                out.add(v);
            } else {
                out.add(null);
            }
            int style = pick(r, NAME_STYLE);
            out.add(styled(p.first, style));
            out.add(styled(p.last, style));
            if (r.nextDouble() < 0.8) {
                Text.isoDate(v(), p.birthDay);
                out.add(v);
            } else {
                out.add(null);
            }
            if (r.nextDouble() < 0.95) {
                address(v(), p, r);
                out.add(v);
            } else {
                out.add(null);
            }
            out.add(r.nextDouble() < 0.95 ? city(p, r) : null);
            out.add(r.nextDouble() < 0.9 ? p.postcode : null);
            Text.isoDate(v(), day);
            v.append(' ');
            Text.time(v, r.nextInt(86400), true);
            out.add(v);
            amount(v(), r, 2500, 350_000);
            out.add(v);
        }
    }

    static final class Contest extends Channel {
        private static final int[] NAME_STYLE = cumulative(50, 25, 10, 0, 15);

        Contest() {
            super(CONTEST, "concurso", "", 1, "id", "email", "nombre", "apellido");
        }

        @Override
        int count(Person p) {
            return p.contest;
        }

        @Override
        void row(Person p, int k, SplittableRandom r, Csv out) {
            String own = email(p, r);
            String e;
            if (own == null || r.nextDouble() < 0.025) {
                e = pick(r, Names.EMAIL_PLACEHOLDERS);
            } else if (p.altEmail != null) {
                // with two addresses, a person uses one per entry; the first entry is usually the other one
                boolean altFirst = p.altAnchor >= 0 || (p.index & 1) == 0;
                e = (k == 0) == altFirst ? p.altEmail : p.email;
            } else {
                e = own;
            }
            Text.messyEmail(v(), e, r, 0.2, 0.08);
            out.add(v);
            int style = pick(r, NAME_STYLE);
            String first = p.first.indexOf(' ') > 0 && r.nextDouble() < 0.2 ? Text.firstWord(p.first) : p.first;
            out.add(styled(first, style));
            out.add(styled(p.last, style));
        }
    }

    static final class Store extends Channel {
        private static final int[] PHONE_FORMS = cumulative(20, 10, 8, 6, 10, 20, 6, 0, 10, 10);
        private static final String[] PHONE_PLACEHOLDERS = {"0000000000", "1111111111"};

        Store() {
            super(STORE, "tienda", "TK-", 7, "id", "nombre_completo", "dni", "telefono", "tarjeta", "fecha", "monto");
        }

        @Override
        int count(Person p) {
            return p.store;
        }

        /*
         * Each customer field is left out now and then, so about 1% of the tickets carry none of them
         * (or only a placeholder): a sale the clerk did not attribute, as real ticket files have. The
         * truth keeps it the customer's: unlike an app install that never logs in (an anonymous
         * visitor's, see App#truth) it is this customer's purchase and nothing about the row is
         * unrealistic. No engine can link it; the evaluator counts it among the true pairs without
         * linking evidence (README, "generate").
         */

        @Override
        void row(Person p, int k, SplittableRandom r, Csv out) {
            int day = day(r);
            out.add(r.nextDouble() < 0.95 ? clerkName(p, r) : null);
            if (r.nextDouble() < 0.02) {
                out.add("00000000");
            } else if (r.nextDouble() < 0.5) {
                int dni = r.nextDouble() < 0.03 ? mistype(p.dni, r) : p.dni;
                Text.document(v(), dni, r.nextDouble() < 0.2);
                out.add(v);
            } else {
                out.add(null);
            }
            if (r.nextDouble() < 0.02) {
                out.add(pick(r, PHONE_PLACEHOLDERS));
            } else if (r.nextDouble() < 0.5) {
                phone(v(), p, day, r, 0.35, PHONE_FORMS);
                out.add(v);
            } else {
                out.add(null);
            }
            if (p.loyalty != 0 && r.nextDouble() < 0.85) {
                int code = p.loyalty2 != 0 && r.nextBoolean() ? p.loyalty2 : p.loyalty;
                Generator.loyaltyCode(v(), code);
                out.add(v);
            } else {
                out.add(null);
            }
            Text.dmyDate(v(), day);
            v.append(' ');
            Text.time(v, 9 * 3600 + r.nextInt(12 * 3600), false);
            out.add(v);
            amount(v(), r, 800, 120_000);
            out.add(v);
        }

        /** How a clerk keys the name: order, case and accents vary; about 15% carry a one-letter typo. */
        static String clerkName(Person p, SplittableRandom r) {
            String first = p.first.indexOf(' ') > 0 && r.nextDouble() < 0.35 ? Text.firstWord(p.first) : p.first;
            String last = p.last;
            if (r.nextDouble() < 0.15) {
                if (r.nextDouble() < 0.6) {
                    last = Text.typo(last, r);
                } else {
                    first = Text.typo(first, r);
                }
            }
            int style = r.nextInt(100);
            if (style < 35) {
                return Text.upper(Text.stripAccents(last + " " + first));
            } else if (style < 55) {
                return Text.upper(Text.stripAccents(first + " " + last));
            } else if (style < 80) {
                return first + " " + last;
            } else if (style < 90) {
                String s = last + ", " + first;
                return r.nextBoolean() ? Text.stripAccents(s) : s;
            } else if (style < 98) {
                return Text.lower(Text.stripAccents(first + " " + last));
            } else {
                // the customer gave a nickname too: Florencia "Flor" Pérez
                String nick = nickname(Text.firstWord(first));
                return nick == null ? first + " " + last : first + " \"" + nick + "\" " + last;
            }
        }

        static String nickname(String first) {
            return switch (Text.stripAccents(first)) {
                case "Florencia" -> "Flor";
                case "Valentina", "Valeria" -> "Vale";
                case "Carolina" -> "Caro";
                case "Federico" -> "Fede";
                case "Nicolas" -> "Nico";
                case "Santiago" -> "Santi";
                case "Gabriela", "Gabriel" -> "Gabi";
                case "Monica" -> "Moni";
                case "Alejandro", "Alejandra" -> "Ale";
                case "Guillermo" -> "Guille";
                case "Sebastian" -> "Seba";
                case "Agustina", "Agustin" -> "Agus";
                case "Maximiliano" -> "Maxi";
                case "Micaela" -> "Mica";
                case "Victoria" -> "Vicky";
                case "Patricia" -> "Pato";
                case "Francisco" -> "Pancho";
                case "Jose" -> "Pepe";
                case "Roberto" -> "Beto";
                case "Eduardo" -> "Edu";
                default -> null;
            };
        }

        /** One digit keyed wrong. */
        static int mistype(int dni, SplittableRandom r) {
            char[] d = Integer.toString(dni).toCharArray();
            int i = 1 + r.nextInt(d.length - 1);
            char c = d[i];
            char n;
            do {
                n = (char) ('0' + r.nextInt(10));
            } while (n == c);
            d[i] = n;
            return Integer.parseInt(new String(d));
        }
    }

    static final class Loyalty extends Channel {
        private static final int[] PHONE_FORMS = cumulative(15, 5, 5, 25, 20, 10, 15, 5, 0, 0);
        private static final int[] NAME_STYLE = cumulative(70, 10, 20, 0, 0);

        Loyalty() {
            super(LOYALTY, "fidelizacion", "", 1, "id", "socio", "documento", "nombre", "apellido", "email",
                    "celular", "fecha_nacimiento", "genero");
        }

        @Override
        int count(Person p) {
            return p.loyaltyRows;
        }

        @Override
        void row(Person p, int k, SplittableRandom r, Csv out) {
            // sign-up day: the first registration may predate the transactional window
            int day = k == 0 ? FIRST_DAY - 1000 + r.nextInt(LAST_DAY - FIRST_DAY + 1000) : LAST_DAY - r.nextInt(200);
            Generator.loyaltyCode(v(), k == 0 ? p.loyalty : p.loyalty2);
            out.add(v);
            if (r.nextDouble() < 0.97) {
                Text.document(v(), p.dni, r.nextDouble() < 0.3);
                out.add(v);
            } else {
                out.add(null);
            }
            int style = pick(r, NAME_STYLE);
            out.add(styled(p.first, style));
            out.add(styled(p.last, style));
            String e = p.altAnchor == LOYALTY && k == 0 ? p.altEmail : email(p, r);
            if (e != null && (r.nextDouble() < 0.88 || p.altAnchor == LOYALTY)) {
                Text.messyEmail(v(), e, r, 0.05, 0.02);
                out.add(v);
            } else {
                out.add(null);
            }
            if (r.nextDouble() < 0.9) {
                Phones.mobile(v(), p.mobileAt(day), p.mobileAreaLen, pick(r, PHONE_FORMS));
                out.add(v);
            } else {
                out.add(null);
            }
            if (r.nextDouble() < 0.9) {
                Text.dmyDate(v(), p.birthDay);
                out.add(v);
            } else {
                out.add(null);
            }
            double g = r.nextDouble();
            if (g < 0.6) {
                out.add(p.gender == 'F' ? "F" : "M");
            } else if (g < 0.9) {
                out.add(p.gender == 'F' ? "Femenino" : "Masculino");
            } else {
                out.add(null);
            }
        }
    }

    static final class App extends Channel {
        private static final String[] EVENTS = {"app_open", "view_product", "add_to_cart", "login", "purchase"};
        private static final int[] EVENT_WEIGHTS = cumulative(15, 45, 20, 8, 12);

        App() {
            super(APP, "app", "E", 8, "id", "dispositivo", "email", "evento", "fecha");
        }

        @Override
        int count(Person p) {
            return p.appEvents();
        }

        /**
         * A device's session plan is re-derived from its own stream for each event, so the k-th event can be
         * written on its own. The first event opens the app; on devices whose owner logs in, the second is a
         * login and later ones are logins now and then.
         */
        @Override
        void row(Person p, int k, SplittableRandom r, Csv out) {
            int device = k < p.device0Events ? 0 : 1;
            int event = device == 0 ? k : k - p.device0Events;
            boolean anonymous = device == 0 ? p.device0Anonymous : p.device1Anonymous;
            SplittableRandom d = new SplittableRandom(Generator.mix(seed, APP, p.index, 1000 + device));
            Text.uuid(v(), d);
            out.add(v);
            long second = (long) day(d) * 86400 + 8 * 3600 + d.nextInt(15 * 3600);
            String type = EVENTS[0];
            for (int i = 0; i <= event; i++) {
                if (i > 0) {
                    second += d.nextInt(8) == 0 ? 86400L * (1 + d.nextInt(30)) : 5 + d.nextInt(1800);
                    type = !anonymous && (i == 1 || d.nextInt(5) == 0) ? "login" : nonLogin(d);
                }
            }
            String e = "login".equals(type)
                    ? (p.altAnchor == APP && device == 0 && event == 1 ? p.altEmail : email(p, r))
                    : null;
            if (e != null) {
                Text.messyEmail(v(), e, r, 0.03, 0.0);
                out.add(v);
            } else {
                out.add(null);
            }
            out.add(type);
            Text.isoDate(v(), (int) (second / 86400));
            v.append('T');
            Text.time(v, (int) (second % 86400), true);
            out.add(v);
        }

        /**
         * A device that never logs in is an anonymous visitor's, a truth entity of its own
         * ({@code visitor-N}, N unique per device), not the customer's: nothing in its rows (a
         * device id, events, times) says whose it is, so no engine could know, and a truth that
         * assigned it to a customer would describe pairs no one can reach (see {@link Generator}).
         */
        @Override
        void truth(Person p, int k, StringBuilder b, int width) {
            int device = k < p.device0Events ? 0 : 1;
            if (device == 0 ? p.device0Anonymous : p.device1Anonymous) {
                b.append("visitor-");
                Text.pad(b, 2L * p.index + device + 1, width + 1);
            } else {
                super.truth(p, k, b, width);
            }
        }

        private static String nonLogin(SplittableRandom d) {
            String t;
            do {
                t = EVENTS[pick(d, EVENT_WEIGHTS)];
            } while ("login".equals(t));
            return t;
        }

    }

    static final class CallCenter extends Channel {
        private static final int[] PHONE_FORMS = cumulative(15, 0, 5, 0, 60, 0, 0, 20, 0, 0);

        CallCenter() {
            super(CALLCENTER, "callcenter", "CC-", 7, "id", "telefono", "nombre", "motivo");
        }

        @Override
        int count(Person p) {
            return p.calls;
        }

        @Override
        void row(Person p, int k, SplittableRandom r, Csv out) {
            int day = day(r);
            if (r.nextDouble() < 0.95) {
                phone(v(), p, day, r, 0.35, PHONE_FORMS);
                out.add(v);
            } else {
                out.add(null);
            }
            if (r.nextDouble() < 0.95) {
                out.add(spokenName(p, r));
            } else {
                out.add(null);
            }
            out.add(pick(r, Names.CALL_REASONS));
        }

        /** What the agent heard and typed: often just the first given name, accents dropped, a typo now and then. */
        static String spokenName(Person p, SplittableRandom r) {
            String first = r.nextDouble() < 0.7 ? Text.firstWord(p.first) : p.first;
            String s = r.nextDouble() < 0.1 ? first : first + " " + p.last;
            if (r.nextDouble() < 0.2) {
                s = Text.typo(s, r);
            }
            if (r.nextDouble() < 0.5) {
                s = Text.stripAccents(s);
            }
            double c = r.nextDouble();
            return c < 0.6 ? s : c < 0.85 ? Text.upper(s) : Text.lower(s);
        }
    }
}
