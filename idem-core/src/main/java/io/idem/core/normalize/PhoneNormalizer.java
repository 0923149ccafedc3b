package io.idem.core.normalize;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

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
 * <p>libphonenumber costs several microseconds per number, so results are kept in a bounded
 * concurrent cache keyed by the raw string.
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

    PhoneNormalizer(String region, int cacheSize) {
        this.region = region;
        this.cache = new BoundedCache<>(cacheSize);
    }

    @Override
    public Normalized normalize(String raw) {
        if (Text.isBlank(raw)) {
            return Normalized.EMPTY;
        }
        Normalized cached = cache.get(raw);
        if (cached != null) {
            return cached;
        }
        Normalized result = compute(raw);
        cache.put(raw, result);
        return result;
    }

    private Normalized compute(String raw) {
        int digits = 0;
        for (int i = 0, n = raw.length(); i < n; i++) {
            if (Text.isAsciiDigit(raw.charAt(i))) {
                digits++;
            }
        }
        if (digits < 6 || digits > 17) { // shorter or longer than any real number with its prefixes
            return INVALID;
        }
        PhoneNumber number;
        try {
            number = util.parse(raw, region);
        } catch (NumberParseException e) {
            return INVALID;
        }
        if (number.getCountryCode() == ARGENTINA) {
            PhoneNumber mobile = argentineMobileTwin(number);
            if (mobile != null) {
                number = mobile;
            }
        }
        if (!util.isValidNumber(number)) {
            return INVALID;
        }
        return Normalized.ok(util.format(number, PhoneNumberFormat.E164));
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
