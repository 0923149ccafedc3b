package io.idem.core.normalize;

import io.idem.core.IdemException;
import io.idem.core.model.Field;
import io.idem.core.model.FieldKind;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
        System.arraycopy(base.byKind, 0, byKind, 0, byKind.length);
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
        return new Field(column, kind, r, n.value(), n.problem());
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
