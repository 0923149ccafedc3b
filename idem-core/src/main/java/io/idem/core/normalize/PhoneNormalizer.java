package io.idem.core.normalize;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Phones: parsed by libphonenumber with the default region (numbers written with {@code +CC} or
 * with the region's international prefix keep their own country), required to be a valid number,
 * and formatted as E.164.
 *
 * <p><b>Argentina.</b> In E.164 an Argentine mobile carries a 9 after the country code
 * ({@code +54 9 11 4123 4567}); nationally it is written with the trunk 0 and "15" after the area
 * code ({@code 011 15-4123-4567}) — libphonenumber already turns that form into {@code +549...}.
 * But people just as often write the same mobile with neither 15 nor 9 ({@code 11 4123 4567},
 * {@code 54 11 4123 4567}), which libphonenumber reads as a fixed line ({@code +5411...}). Argentine
 * fixed and mobile numbers share the same numbering space, so such a number is valid both ways and
 * cannot be told apart from its digits. idem's rule: an Argentine number without the 9 whose
 * 9-prefixed twin is a valid mobile is normalised to that mobile form. Every way of writing the
 * line therefore normalises identically ({@code +5491141234567}); the price is that a true landline
 * is stored in its mobile form too, which is harmless for matching because the form is the same
 * for every record. Numbers with no mobile twin (0800 toll-free, etc.) stay as libphonenumber reads
 * them.
 *
 * <p>libphonenumber costs several microseconds per number (most of it in parsing), so: separators
 * are dropped before parsing (see {@link #clean}), results are kept in a bounded concurrent cache
 * keyed by that cleaned raw string, and with default region AR the usual ways of writing an
 * Argentine mobile are validated without the parser (see {@link #argentineMobile}).
 */
final class PhoneNormalizer implements Normalizer {
    static final String PROBLEM = "invalid phone";
    private static final Normalized INVALID = Normalized.invalid(PROBLEM);
    private static final int ARGENTINA = 54;
    private static final long TEN_DIGITS = 1_000_000_000L;
    private static final long AR_MOBILE_MARK = 9 * 10_000_000_000L;

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final String region;
    private final BoundedCache<String, Normalized> cache;
    private final boolean argentineFastPath;
    /** Whether the parser accepts an area string (2-4 digits: at most 11,100 entries) before "15". */
    private final ConcurrentHashMap<String, Boolean> fifteenAreas = new ConcurrentHashMap<>();

    PhoneNormalizer(String region, int cacheSize) {
        this(region, cacheSize, true);
    }

    /** {@code fastPaths=false} always goes through libphonenumber's parser (tests compare both). */
    PhoneNormalizer(String region, int cacheSize, boolean fastPaths) {
        this.region = region;
        this.cache = new BoundedCache<>(cacheSize);
        this.argentineFastPath = fastPaths && region.equals("AR");
    }

    @Override
    public Normalized normalize(String raw) {
        if (Text.isBlank(raw)) {
            return Normalized.EMPTY;
        }
        String cleaned = clean(raw);
        String key = cleaned != null ? cleaned : raw;
        Normalized cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Normalized result = compute(key);
        cache.put(key, result);
        return result;
    }

    /**
     * The raw string without separators: a leading '+' (if any) and the ASCII digits, when every
     * other character is white space or one of {@code -.()/}. libphonenumber ignores those
     * separators, so the result is the same and parsing the short form is faster; it also lets the
     * cache share one entry between {@code 011 15-4123-4567} and {@code 01115 4123 4567}. Returns
     * {@code null} when the raw string has anything else (letters, extensions, "tel:", non-ASCII
     * digits), which is then parsed exactly as received.
     */
    static String clean(String raw) {
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 0, n = raw.length(); i < n; i++) {
            char c = raw.charAt(i);
            if (Text.isAsciiDigit(c)) {
                b.append(c);
            } else if (c == '+' && b.length() == 0) {
                b.append(c);
            } else if (c != '-' && c != '.' && c != '(' && c != ')' && c != '/' && !Text.isSpace(c)) {
                return null;
            }
        }
        return b.toString();
    }

    private Normalized compute(String s) {
        int digits = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            if (Text.isAsciiDigit(s.charAt(i))) {
                digits++;
            }
        }
        if (digits < 6 || digits > 17) { // shorter or longer than any real number with its prefixes
            return INVALID;
        }
        if (argentineFastPath) {
            Normalized fast = argentineMobile(s);
            if (fast != null) {
                return fast;
            }
        }
        PhoneNumber number;
        try {
            number = util.parse(s, region);
        } catch (NumberParseException e) {
            return INVALID;
        }
        if (number.getCountryCode() == ARGENTINA) {
            PhoneNumber mobile = argentineMobileTwin(number);
            if (mobile != null) {
                return Normalized.ok("+54" + mobile.getNationalNumber());
            }
        }
        if (!util.isValidNumber(number)) {
            return INVALID;
        }
        return Normalized.ok(util.format(number, PhoneNumberFormat.E164));
    }

    /**
     * Fast path for default region AR: recognises the usual ways of writing an Argentine mobile
     * and validates the result directly against libphonenumber's metadata, skipping its (slow)
     * parser. Returns {@code null} whenever the shape is not one of these or is ambiguous, and the
     * caller parses normally; a test checks both paths agree. With g the 10-digit national number
     * (area code + subscriber):
     * <ul>
     *   <li>{@code +549g}, {@code 549g}, {@code +54g}, {@code 0g} and {@code g} (no 15 right after a 2-4 digit area code);</li>
     *   <li>{@code 0 AREA 15 SUBSCRIBER} and {@code AREA 15 SUBSCRIBER}, when exactly one reading
     *       (a 2, 3 or 4 digit area code that libphonenumber accepts before 15) fits, and it makes
     *       a valid mobile.</li>
     * </ul>
     */
    private Normalized argentineMobile(String s) {
        int n = s.length();
        if (n < 10 || n > 14 || !Text.allAsciiDigits(s.charAt(0) == '+' ? s.substring(1) : s)) {
            return null;
        }
        String g;
        if (s.charAt(0) == '+') {
            g = n == 14 && s.startsWith("+549") ? s.substring(4) : n == 13 && s.startsWith("+54") ? s.substring(3) : null;
        } else if (n == 13 && s.startsWith("549")) {
            g = s.substring(3);
        } else if (n == 11 && s.charAt(0) == '0' && s.charAt(1) != '0') {
            g = s.substring(1);
        } else if (n == 10 && s.charAt(0) != '0' && !s.startsWith("54")) {
            g = s;
        } else if (n == 13 && s.charAt(0) == '0' || n == 12 && s.charAt(0) != '0' && !s.startsWith("54")) {
            return withFifteen(s, n - 12);
        } else {
            return null;
        }
        if (g == null || g.charAt(0) == '0' || g.startsWith("15", 2) || g.startsWith("15", 3) || g.startsWith("15", 4)) {
            return null;
        }
        return isMobile(g) ? Normalized.ok("+549" + g) : null;
    }

    private Normalized withFifteen(String s, int from) {
        String found = null;
        for (int areaLength = 2; areaLength <= 4; areaLength++) {
            int at = from + areaLength;
            if (s.startsWith("15", at) && s.charAt(from) != '0' && areaTakesFifteen(s.substring(from, at))) {
                if (found != null) {
                    return null; // two readings: let the parser decide
                }
                found = s.substring(from, at) + s.substring(at + 2);
            }
        }
        return found != null && isMobile(found) ? Normalized.ok("+549" + found) : null;
    }

    /**
     * Whether libphonenumber's parser reads {@code 0 AREA 15 ...} as area code + mobile prefix,
     * asked once per distinct area string with a fixed subscriber (the parser's national-prefix
     * rule only looks at the digits up to the 15), so the answer depends on {@code area} alone.
     */
    private boolean areaTakesFifteen(String area) {
        Boolean known = fifteenAreas.get(area);
        if (known == null) {
            String subscriber = "4" + "0".repeat(9 - area.length());
            try {
                PhoneNumber p = util.parse("0" + area + "15" + subscriber, "AR");
                known = p.getCountryCode() == ARGENTINA && p.getNationalNumber() == Long.parseLong("9" + area + subscriber);
            } catch (NumberParseException e) {
                known = false;
            }
            fifteenAreas.put(area, known);
        }
        return known;
    }

    private boolean isMobile(String g) {
        PhoneNumberType type = util.getNumberType(mobile(g));
        return type == PhoneNumberType.MOBILE || type == PhoneNumberType.FIXED_LINE_OR_MOBILE;
    }

    private static PhoneNumber mobile(String g) {
        return new PhoneNumber().setCountryCode(ARGENTINA).setNationalNumber(AR_MOBILE_MARK + Long.parseLong(g));
    }

    /** The {@code +549...} twin of a 10-digit Argentine number written without the 9, when that twin is a valid mobile. */
    private PhoneNumber argentineMobileTwin(PhoneNumber number) {
        long nsn = number.getNationalNumber();
        if (number.hasItalianLeadingZero() || nsn < TEN_DIGITS || nsn >= 10 * TEN_DIGITS) {
            return null;
        }
        PhoneNumber twin = new PhoneNumber().setCountryCode(ARGENTINA).setNationalNumber(AR_MOBILE_MARK + nsn);
        PhoneNumberType type = util.getNumberType(twin);
        return type == PhoneNumberType.MOBILE || type == PhoneNumberType.FIXED_LINE_OR_MOBILE ? twin : null;
    }
}
