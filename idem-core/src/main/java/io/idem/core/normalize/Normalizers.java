package io.idem.core.normalize;

import io.idem.core.IdemException;
import io.idem.core.model.Field;
import io.idem.core.model.FieldKind;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The normaliser of every field kind for one default region. Immutable and thread-safe (the only
 * shared mutable state is the concurrent, bounded phone cache); build one per import and share it
 * between threads.
 *
 * <p>Per kind: EMAIL lower-cased and syntax-checked; PHONE to E.164 (see {@link PhoneNormalizer}
 * for the Argentine mobile rule); DOCUMENT stripped of punctuation, upper-cased and checksum-checked
 * where the shape is known (see {@link DocumentNormalizer} for the detection order); LOYALTY_ID and
 * CUSTOMER_ID trimmed, white space collapsed, upper-cased; DEVICE_ID the same but lower-cased;
 * SOCIAL_ID the same keeping case; names in {@link Names#display} form; CITY, REGION and ADDRESS
 * NFC, trimmed and collapsed; BIRTH_DATE as {@code YYYY-MM-DD} and TIMESTAMP as a UTC instant (see
 * {@link DateNormalizer}); AMOUNT as a plain decimal (see {@link AmountNormalizer}); GENDER as F, M
 * or X; POSTCODE and STREET_NUMBER upper-cased without spaces; COUNTRY as ISO 3166-1 alpha-2 when
 * the name or code is known (English, Spanish or Portuguese names, alpha-3 codes), else upper-cased
 * as written; EVENT and ATTRIBUTE trimmed; IGNORE always empty. Blank input is always
 * {@link Normalized#EMPTY}.
 */
public final class Normalizers {
    /** Raw phone strings remembered by default (roughly 20 MB of heap when full). */
    public static final int DEFAULT_PHONE_CACHE_SIZE = 100_000;

    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

    private final String region;
    /** The area code of local phone numbers ({@link #withPhoneArea}), or {@code null}. */
    private String phoneArea;
    /** Whole names meaning no one ({@link AnonymousSale}), in comparison form. */
    private java.util.Set<String> anonymousNames = Placeholders.defaults().names();
    private final Normalizer[] byKind = new Normalizer[FieldKind.values().length];

    public Normalizers(String defaultRegion) {
        this(defaultRegion, Clock.systemUTC(), DEFAULT_PHONE_CACHE_SIZE);
    }

    /**
     * @param defaultRegion ISO 3166-1 alpha-2 code used for numbers and documents written without
     *     country, e.g. {@code AR}
     * @param clock decides "today" for rejecting birth dates in the future
     * @param phoneCacheSize how many raw phone strings to remember; 0 disables the cache
     */
    public Normalizers(String defaultRegion, Clock clock, int phoneCacheSize) {
        this.region = validRegion(defaultRegion);
        if (phoneCacheSize < 0) {
            throw new IdemException.Configuration("phone cache size must be 0 or more, got " + phoneCacheSize);
        }
        Normalizer email = new EmailNormalizer();
        Normalizer upperId = raw -> Text.isBlank(raw) ? Normalized.EMPTY
                : Normalized.ok(Text.collapse(raw).toUpperCase(Locale.ROOT));
        Normalizer name = raw -> Text.isBlank(raw) ? Normalized.EMPTY : Normalized.ok(Names.display(raw));
        Normalizer text = raw -> Text.isBlank(raw) ? Normalized.EMPTY : Normalized.ok(Names.clean(raw));
        Normalizer code = raw -> Text.isBlank(raw) ? Normalized.EMPTY
                : Normalized.ok(Text.removeSpaces(raw).toUpperCase(Locale.ROOT));
        Normalizer trimmed = raw -> Text.isBlank(raw) ? Normalized.EMPTY : Normalized.ok(Text.trim(raw));
        set(FieldKind.EMAIL, email);
        set(FieldKind.PHONE, new PhoneNormalizer(region, phoneCacheSize));
        set(FieldKind.DOCUMENT, new DocumentNormalizer(region));
        set(FieldKind.LOYALTY_ID, upperId);
        set(FieldKind.CUSTOMER_ID, upperId);
        set(FieldKind.DEVICE_ID, raw -> Text.isBlank(raw) ? Normalized.EMPTY
                : Normalized.ok(Text.collapse(raw).toLowerCase(Locale.ROOT)));
        set(FieldKind.SOCIAL_ID, raw -> Text.isBlank(raw) ? Normalized.EMPTY : Normalized.ok(Text.collapse(raw)));
        set(FieldKind.FIRST_NAME, name);
        set(FieldKind.LAST_NAME, name);
        set(FieldKind.FULL_NAME, name);
        set(FieldKind.CITY, text);
        set(FieldKind.REGION, text);
        set(FieldKind.ADDRESS, text);
        set(FieldKind.BIRTH_DATE, DateNormalizer.birthDate(clock));
        set(FieldKind.TIMESTAMP, DateNormalizer.timestamp());
        set(FieldKind.AMOUNT, new AmountNormalizer());
        set(FieldKind.GENDER, Normalizers::gender);
        set(FieldKind.POSTCODE, code);
        set(FieldKind.STREET_NUMBER, code);
        set(FieldKind.COUNTRY, Normalizers::country);
        for (FieldKind k : new FieldKind[] {FieldKind.CONSENT_EMAIL, FieldKind.CONSENT_SMS, FieldKind.CONSENT_WHATSAPP,
            FieldKind.CONSENT_PUSH}) {
            set(k, Normalizers::consent);
        }
        set(FieldKind.EVENT, trimmed);
        set(FieldKind.ATTRIBUTE, trimmed);
        set(FieldKind.IGNORE, raw -> Normalized.EMPTY);
        if (Arrays.asList(byKind).contains(null)) {
            throw new IllegalStateException("a field kind has no normaliser");
        }
    }

    private Normalizers(Normalizers base) {
        this.region = base.region;
        this.phoneArea = base.phoneArea;
        this.anonymousNames = base.anonymousNames;
        System.arraycopy(base.byKind, 0, byKind, 0, byKind.length);
    }

    /**
     * A copy that reads a phone written without its area code as one of {@code area}: a store's
     * clerks type local numbers ({@code 15-4123-4567}, {@code 4123-4567} in Buenos Aires, whose area
     * is {@code 11}), which are otherwise not usable. Only numbers that do not normalise as they are
     * get the area, so a number with its own area keeps it. {@code null} for none.
     */
    public Normalizers withPhoneArea(String area) {
        if (area != null && !area.matches("\\d{1,5}")) {
            throw new IdemException.InvalidInput("--phone-area '" + area + "': expected the area code's digits,"
                    + " without the trunk 0 (11 for Buenos Aires, 341 for Rosario)");
        }
        Normalizers copy = new Normalizers(this);
        copy.phoneArea = area;
        return copy;
    }

    /** A copy that reads these whole names (a blocklist's {@link Placeholders#names}) as meaning no one. */
    public Normalizers withAnonymousNames(java.util.Set<String> names) {
        Normalizers copy = new Normalizers(this);
        copy.anonymousNames = java.util.Set.copyOf(names);
        return copy;
    }

    /** Whole names meaning no one, in comparison form ({@link AnonymousSale#mark}). */
    public java.util.Set<String> anonymousNames() {
        return anonymousNames;
    }

    /** A copy that normalises {@code kind} with {@code normalizer} (e.g. hashed identifiers). */
    public Normalizers with(FieldKind kind, Normalizer normalizer) {
        Normalizers copy = new Normalizers(this);
        copy.set(kind, java.util.Objects.requireNonNull(normalizer, "normalizer"));
        return copy;
    }

    private void set(FieldKind kind, Normalizer normalizer) {
        byKind[kind.ordinal()] = normalizer;
    }

    /** The default region, upper-case, e.g. {@code AR}. */
    public String region() {
        return region;
    }

    public Normalizer normalizer(FieldKind kind) {
        return byKind[kind.ordinal()];
    }

    /** Normalises one raw value; {@code null} or blank gives {@link Normalized#EMPTY}. */
    public Normalized normalize(FieldKind kind, String raw) {
        if (Text.isBlank(raw)) {
            return Normalized.EMPTY;
        }
        return byKind[kind.ordinal()].normalize(raw);
    }

    /** A model field: {@code raw} kept as received ({@code null} becomes ""), plus its normalised value or problem. */
    public Field field(String column, FieldKind kind, String raw) {
        String r = raw == null ? "" : raw;
        Normalized n = normalize(kind, r);
        if (n.value() == null && n.problem() != null && (kind == FieldKind.PHONE || kind == FieldKind.EMAIL)) {
            Normalized repaired = repair(kind, r);
            if (repaired != null) {
                n = repaired;
            }
        }
        return new Field(column, kind, r, n.value(), n.problem());
    }

    /**
     * The fields of one cell of an import: {@link #field}, except that an e-mail or phone cell
     * holding several values ({@code 011 4123-4567 / 011 15-5555-6666}, {@code ana@x.com;
     * ana.p@y.com}) that do not normalise as one gives one field per value that does, each with the
     * whole cell as received. Before, such a cell was kept unusable: neither number linked.
     */
    public List<Field> cell(String column, FieldKind kind, String raw) {
        if (!(kind == FieldKind.PHONE || kind == FieldKind.EMAIL) || raw == null) {
            return List.of(field(column, kind, raw));
        }
        Normalized plain = normalize(kind, raw);
        if (plain.value() != null || plain.problem() == null) {
            return List.of(new Field(column, kind, raw, plain.value(), plain.problem()));
        }
        // a list before a repair: "11 4123 4567 y 11 5555 6666" is two numbers, not one and a note
        String[] parts = (kind == FieldKind.EMAIL ? EMAIL_LIST : PHONE_LIST).split(raw.trim());
        Field whole = field(column, kind, raw);
        if (parts.length < 2) {
            return List.of(whole);
        }
        List<Field> out = new ArrayList<>(parts.length);
        Set<String> seen = new HashSet<>();
        for (String part : parts) {
            Field f = field(column, kind, part.trim());
            if (f.valid() && seen.add(f.normalized())) {
                out.add(new Field(column, kind, raw, f.normalized(), null));
            }
        }
        return out.isEmpty() ? List.of(whole) : out;
    }

    /** Between the values of a list in one cell: a slash, semicolon, comma, bar, " y ", " o ", " or ". */
    private static final Pattern PHONE_LIST = Pattern.compile("\\s*[/;,|]\\s*|\\s+(?:y|o|or|and)\\s+");
    /** The same, and white space: an address has none. */
    private static final Pattern EMAIL_LIST = Pattern.compile("[\\s/;,|]+");

    /**
     * A value that did not normalise, repaired when what it holds is plain: a phone with the
     * decimal part a spreadsheet adds ({@code 1141234567.0}) or a note after it ({@code 011
     * 4123-4567 (casa)}, {@code ... int 23}); an e-mail written as {@code Ana Paz <ana@x.com>}, with a
     * final dot, or with spaces around its {@code @}. {@code null} when that does not help either.
     */
    /** A local number with the configured area code before it (the trunk 0 first), or {@code null}. */
    private Normalized local(String t) {
        long digits = t.chars().filter(Character::isDigit).count();
        if (phoneArea == null || digits < 6 || digits > 10 || t.startsWith("+") || t.startsWith("0")) {
            return null;
        }
        Normalized n = normalize(FieldKind.PHONE, "0" + phoneArea + " " + t);
        if (n.value() == null) {
            n = normalize(FieldKind.PHONE, phoneArea + " " + t); // a region without a trunk prefix
        }
        return n.value() != null ? n : null;
    }

    private Normalized repair(FieldKind kind, String raw) {
        String t = raw.trim();
        String candidate;
        if (kind == FieldKind.PHONE) {
            candidate = Text.withoutSpreadsheetDecimals(t);
            if (candidate.equals(t)) {
                int letter = 0;
                while (letter < t.length() && !Character.isLetter(t.charAt(letter))) {
                    letter++;
                }
                candidate = t.substring(0, letter).replaceAll("[\\s(\\[:,;-]+$", "");
                if (letter == t.length() || candidate.chars().filter(Character::isDigit).count() < 6) {
                    return local(t);
                }
            }
            Normalized n = candidate.equals(t) ? null : normalize(kind, candidate);
            if (n != null && n.value() != null) {
                return n;
            }
            return local(candidate.equals(t) ? t : candidate);
        } else {
            int lt = t.lastIndexOf('<');
            int gt = t.lastIndexOf('>');
            candidate = lt >= 0 && gt > lt ? t.substring(lt + 1, gt) : t;
            candidate = candidate.replaceAll("\\s*@\\s*", "@").replaceAll("[.,;]+$", "").trim();
        }
        if (candidate.isEmpty() || candidate.equals(t)) {
            return null;
        }
        Normalized n = normalize(kind, candidate);
        return n.value() != null ? n : null;
    }

    private static String validRegion(String region) {
        if (region == null || region.isBlank()) {
            throw new IdemException.Configuration(
                    "default region is missing: expected an ISO 3166-1 alpha-2 country code such as AR or ES");
        }
        String r = region.trim().toUpperCase(Locale.ROOT);
        if (!ISO_COUNTRIES.contains(r)) {
            throw new IdemException.Configuration("default region '" + region
                    + "' is not an ISO 3166-1 alpha-2 country code (such as AR, ES, BR, CL)");
        }
        return r;
    }

    // ---- gender -------------------------------------------------------------------------------

    private static final Map<String, String> GENDERS = new HashMap<>();

    static {
        for (String f : new String[] {"f", "fem", "femenino", "femenina", "female", "mujer", "w", "woman"}) {
            GENDERS.put(f, "F");
        }
        for (String m : new String[] {"m", "masc", "masculino", "male", "hombre", "varon", "man"}) {
            GENDERS.put(m, "M");
        }
        for (String x : new String[] {"x", "otro", "otra", "other", "nb", "no binario", "non binary", "nonbinary"}) {
            GENDERS.put(x, "X");
        }
    }

    private static Normalized gender(String raw) {
        if (Text.isBlank(raw)) {
            return Normalized.EMPTY;
        }
        String g = GENDERS.get(Names.comparisonForm(raw));
        return g != null ? Normalized.ok(g) : Normalized.invalid("unrecognised gender '" + Text.trim(raw) + "'");
    }

    // ---- consent ------------------------------------------------------------------------------

    private static final Map<String, String> CONSENTS = new HashMap<>();

    static {
        for (String y : new String[] {"si", "s", "yes", "y", "true", "1", "opt in", "optin", "opt_in", "acepta",
            "alta", "suscripto", "suscrito", "subscribed", "granted"}) {
            CONSENTS.put(y, "opt_in");
        }
        for (String n : new String[] {"no", "n", "false", "0", "opt out", "optout", "opt_out", "rechaza", "baja",
            "desuscripto", "unsubscribed", "denied", "revoked"}) {
            CONSENTS.put(n, "opt_out");
        }
    }

    private static Normalized consent(String raw) {
        if (Text.isBlank(raw)) {
            return Normalized.EMPTY;
        }
        String c = CONSENTS.get(Names.comparisonForm(raw));
        if (c == null) {
            c = CONSENTS.get(Text.trim(raw).toLowerCase(Locale.ROOT));
        }
        return c != null ? Normalized.ok(c)
                : Normalized.invalid("unrecognised consent '" + Text.trim(raw) + "' (expected si/no, opt_in/opt_out)");
    }

    // ---- country ------------------------------------------------------------------------------

    private static final Map<String, String> COUNTRIES = countries();

    private static Map<String, String> countries() {
        Map<String, String> m = new HashMap<>();
        Locale[] languages = {Locale.ENGLISH, Locale.forLanguageTag("es"), Locale.forLanguageTag("pt")};
        for (String iso : Locale.getISOCountries()) {
            Locale country = new Locale("", iso);
            for (Locale language : languages) {
                m.putIfAbsent(Names.comparisonForm(country.getDisplayCountry(language)), iso);
            }
            try {
                m.putIfAbsent(country.getISO3Country().toLowerCase(Locale.ROOT), iso);
            } catch (java.util.MissingResourceException e) {
                // no alpha-3 code known for this country
            }
        }
        String[][] extra = {
            {"argentina", "AR"}, {"republica argentina", "AR"}, {"espana", "ES"}, {"spain", "ES"},
            {"brasil", "BR"}, {"brazil", "BR"}, {"chile", "CL"}, {"uruguay", "UY"}, {"mexico", "MX"},
            {"paraguay", "PY"}, {"peru", "PE"}, {"colombia", "CO"}, {"bolivia", "BO"}, {"venezuela", "VE"},
            {"usa", "US"}, {"eeuu", "US"}, {"ee uu", "US"}, {"estados unidos", "US"}, {"united states", "US"},
            {"united states of america", "US"}, {"england", "GB"}, {"united kingdom", "GB"}, {"reino unido", "GB"},
        };
        for (String[] e : extra) {
            m.put(e[0], e[1]);
        }
        return Map.copyOf(m);
    }

    private static Normalized country(String raw) {
        if (Text.isBlank(raw)) {
            return Normalized.EMPTY;
        }
        String t = Text.collapse(raw);
        if (t.length() == 2 && Character.isLetter(t.charAt(0)) && Character.isLetter(t.charAt(1))) {
            return Normalized.ok(t.toUpperCase(Locale.ROOT));
        }
        String iso = COUNTRIES.get(Names.comparisonForm(t));
        return Normalized.ok(iso != null ? iso : t.toUpperCase(Locale.ROOT));
    }
}
