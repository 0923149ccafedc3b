package io.idem.core.normalize;

/**
 * Money amounts, parsed by hand: an optional sign, currency symbols or codes around the number
 * ({@code $}, {@code R$}, {@code €}, {@code ARS}, ...) are dropped; '.' and ',' are both accepted as
 * decimal separator. When both appear the last one is the decimal separator and the other one
 * groups thousands ({@code 1.234,50}, {@code 1,234.50}); a separator that appears more than once
 * groups thousands ({@code 1.234.567}); a single separator followed by exactly three digits after a
 * non-zero integer part of at most three digits groups thousands too ({@code 1.234} is 1234, as in
 * Spanish and English receipts alike), otherwise it is the decimal separator ({@code 1234,5},
 * {@code 0.125}). Spaces and apostrophes may also group thousands. Normalised to a plain decimal
 * with a dot, keeping the scale as written: {@code $ 1.234,50} becomes {@code 1234.50}.
 */
final class AmountNormalizer implements Normalizer {
    @Override
    public Normalized normalize(String raw) {
        if (Text.isBlank(raw)) {
            return Normalized.EMPTY;
        }
        String t = Text.trim(raw);
        String v = parse(t);
        return v == null ? Normalized.invalid("invalid amount '" + t + "'") : Normalized.ok(v);
    }

    static String parse(String t) {
        int n = t.length();
        int start = 0;
        int end = n;
        boolean negative = false;
        int letters = 0;
        // Leading currency, white space and at most one sign.
        while (start < end) {
            char c = t.charAt(start);
            if (c == '-' || c == '+') {
                if (negative || start + 1 < end && (t.charAt(start + 1) == '-' || t.charAt(start + 1) == '+')) {
                    return null;
                }
                negative = c == '-';
                start++;
            } else if (isCurrencyOrSpace(c)) {
                letters += isAsciiLetter(c) ? 1 : 0;
                start++;
            } else {
                break;
            }
        }
        while (end > start && isCurrencyOrSpace(t.charAt(end - 1))) {
            letters += isAsciiLetter(t.charAt(end - 1)) ? 1 : 0;
            end--;
        }
        if (letters > 3) {
            return null; // at most a currency code like ARS, US$ or R$
        }
        if (start == end || !Text.isAsciiDigit(t.charAt(start)) && t.charAt(start) != '.' && t.charAt(start) != ',') {
            return null;
        }
        // Collect digits and separators.
        int dots = 0;
        int commas = 0;
        int lastDot = -1;
        int lastComma = -1;
        StringBuilder digits = new StringBuilder(end - start);
        int[] sepAt = new int[end - start]; // separator position in 'digits' order, for grouping checks
        char[] sepChar = new char[end - start];
        int seps = 0;
        for (int i = start; i < end; i++) {
            char c = t.charAt(i);
            if (Text.isAsciiDigit(c)) {
                digits.append(c);
            } else if (c == '.' || c == ',' || c == '\'' || Text.isSpace(c)) {
                if (c == '.') {
                    dots++;
                    lastDot = seps;
                } else if (c == ',') {
                    commas++;
                    lastComma = seps;
                } else {
                    c = ' ';
                }
                if (seps > 0 && sepAt[seps - 1] == digits.length()) {
                    return null; // two separators in a row
                }
                sepAt[seps] = digits.length();
                sepChar[seps] = c;
                seps++;
            } else {
                return null;
            }
        }
        if (digits.length() == 0 || seps > 0 && sepAt[seps - 1] == digits.length()) {
            return null;
        }
        // Which separator (index into sepAt) is the decimal point, if any?
        int decimal = -1;
        if (dots > 0 && commas > 0) {
            decimal = Math.max(lastDot, lastComma);
            if (decimal != seps - 1 || (decimal == lastDot ? dots : commas) > 1) {
                return null;
            }
        } else if (dots + commas == 1) {
            int s = dots == 1 ? lastDot : lastComma;
            if (s != seps - 1) {
                return null; // e.g. "1.234 567"
            }
            int intLen = sepAt[s] - (s > 0 ? sepAt[s - 1] : 0);
            boolean intIsZero = sepAt[s] == 1 && digits.charAt(0) == '0' && s == 0;
            boolean grouping = digits.length() - sepAt[s] == 3 && intLen <= 3 && !intIsZero;
            if (!grouping) {
                decimal = s;
            }
        }
        // Every grouping separator must split off groups of exactly three digits, the first of 1-3.
        int groupEnd = decimal >= 0 ? sepAt[decimal] : digits.length();
        int groups = decimal >= 0 ? decimal : seps;
        char groupChar = 0;
        for (int g = 0; g < groups; g++) {
            int next = g + 1 < groups ? sepAt[g + 1] : groupEnd;
            int first = g == 0 ? sepAt[0] : 3;
            if (next - sepAt[g] != 3 || first < 1 || first > 3) {
                return null;
            }
            if (groupChar == 0) {
                groupChar = sepChar[g];
            } else if (groupChar != sepChar[g]) {
                return null;
            }
        }
        String integer = digits.substring(0, groupEnd);
        String fraction = decimal >= 0 ? digits.substring(groupEnd) : "";
        int z = 0;
        while (z < integer.length() - 1 && integer.charAt(z) == '0') {
            z++;
        }
        integer = integer.isEmpty() ? "0" : integer.substring(z);
        boolean zero = integer.equals("0") && fraction.chars().allMatch(ch -> ch == '0');
        StringBuilder out = new StringBuilder(integer.length() + fraction.length() + 2);
        if (negative && !zero) {
            out.append('-');
        }
        out.append(integer);
        if (!fraction.isEmpty()) {
            out.append('.').append(fraction);
        }
        return out.toString();
    }

    private static boolean isCurrencyOrSpace(char c) {
        return c == '$' || Text.isSpace(c) || Character.getType(c) == Character.CURRENCY_SYMBOL || isAsciiLetter(c);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
