package io.idem.core.normalize;

/**
 * National documents: a type written before the number ({@code DNI 30.123.456}) and a decimal
 * part a spreadsheet added ({@code 30123456.0}) are dropped, then dots, dashes, slashes and white
 * space are removed and letters upper-cased;
 * the result must be 5 to 20 ASCII letters or digits. Known shapes are checksum-checked. Detection
 * order (first match wins):
 *
 * <ol>
 *   <li><b>Chilean RUT</b> when written explicitly with a dash before its single check character
 *       ({@code 12.345.678-5}, {@code 7654321-K}), or when the default region is CL: 7-8 digits
 *       followed by a check digit or K; mod-11. Normalised without leading zeros, e.g.
 *       {@code 123456785}.</li>
 *   <li><b>Spanish DNI</b> (7-8 digits + letter, padded to 8 digits) and <b>NIE</b> (X/Y/Z + 7
 *       digits + letter) in any region: the control letter is checked (mod 23). A digits+letter
 *       shape is unambiguous, except that a K ending is read as a RUT in region CL.</li>
 *   <li><b>Brazilian CPF</b> written as {@code 529.982.247-25} and <b>Argentine CUIT/CUIL</b> written
 *       as {@code 20-12345678-6}, in any region: both mod-11 check digits (CPF, all-equal digits
 *       rejected) or the CUIT check digit.</li>
 *   <li>Bare digit strings are ambiguous, so the default region decides: AR — 7-8 digits (after
 *       dropping leading zeros, so {@code 012.345.678} and {@code 12345678} match) is a DNI with no
 *       checksum, 11 digits a CUIT/CUIL (checked); BR — 11 digits is a CPF (checked); CL — see 1;
 *       ES — 7-8 digits is a DNI written without its letter, and the letter is computed and appended
 *       so it matches the same DNI written in full.</li>
 *   <li>Anything else of 5-20 letters/digits (passports, foreign ids) is kept as-is.</li>
 * </ol>
 */
final class DocumentNormalizer implements Normalizer {
    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
    private static final String PREFIX = "invalid document: ";

    private final String region;

    DocumentNormalizer(String region) {
        this.region = region;
    }

    @Override
    public Normalized normalize(String raw) {
        if (Text.isBlank(raw)) {
            return Normalized.EMPTY;
        }
        String t = Text.withoutSpreadsheetDecimals(withoutTypeWord(Text.trim(raw)));
        StringBuilder b = new StringBuilder(t.length());
        for (int i = 0, n = t.length(); i < n; i++) {
            char c = t.charAt(i);
            if (c == '.' || c == '-' || c == '/' || Text.isSpace(c)) {
                continue;
            }
            if (c >= 'a' && c <= 'z') {
                c = (char) (c - 'a' + 'A');
            } else if (!(c >= 'A' && c <= 'Z') && !Text.isAsciiDigit(c)) {
                return Normalized.invalid(PREFIX + "unexpected character '" + c + "'");
            }
            b.append(c);
        }
        String s = b.toString();
        int n = s.length();
        if (n == 0) {
            return Normalized.EMPTY;
        }
        char last = s.charAt(n - 1);
        int bodyDigits = leadingDigits(s);

        // 1. Chilean RUT: explicit dash before the single check character, or region CL.
        boolean explicitRutDash = t.lastIndexOf('-') == t.length() - 2;
        if ((explicitRutDash || region.equals("CL")) && (n == 8 || n == 9) && bodyDigits >= n - 1
                && (Text.isAsciiDigit(last) || last == 'K')) {
            return rut(s);
        }
        // 2. Spanish DNI / NIE.
        if ((n == 8 || n == 9) && bodyDigits == n - 1 && isLetter(last)) {
            String digits = n == 8 ? "0" + s.substring(0, 7) : s.substring(0, 8);
            return spanish("DNI", digits, last, digits + last);
        }
        if (n == 9 && (s.charAt(0) == 'X' || s.charAt(0) == 'Y' || s.charAt(0) == 'Z')
                && leadingDigits(s.substring(1)) == 7 && isLetter(last)) {
            String digits = (char) ('0' + "XYZ".indexOf(s.charAt(0))) + s.substring(1, 8);
            return spanish("NIE", digits, last, s);
        }
        // 3. Explicitly formatted CPF / CUIT.
        if (shape(t, "ddd.ddd.ddd-dd")) {
            return cpf(s);
        }
        if (shape(t, "dd-dddddddd-d")) {
            return cuit(s);
        }
        // 4. Bare digits: the region decides.
        if (bodyDigits == n) {
            switch (region) {
                case "AR" -> {
                    if (n == 11) {
                        return cuit(s);
                    }
                    String z = stripLeadingZeros(s);
                    if (z.length() == 7 || z.length() == 8) {
                        return Normalized.ok(z);
                    }
                }
                case "BR" -> {
                    if (n == 11) {
                        return cpf(s);
                    }
                }
                case "ES" -> {
                    if (n == 7 || n == 8) {
                        String digits = n == 7 ? "0" + s : s;
                        return Normalized.ok(digits + DNI_LETTERS.charAt(Integer.parseInt(digits) % 23));
                    }
                }
                default -> {
                }
            }
        }
        // 5. Anything else.
        if (n < 5 || n > 20) {
            return Normalized.invalid(PREFIX + "expected 5 to 20 letters or digits");
        }
        return Normalized.ok(s);
    }

    /**
     * The document's type written before its number ({@code DNI 30.123.456}, {@code D.N.I.:
     * 30123456}, {@code L.C. 4.123.456}, {@code CUIT 20-...}, {@code NIF 12345678Z}, {@code DNI N°
     * ...}): the number alone is the document. An Argentine LC or LE number is the number its
     * holder's DNI kept.
     */
    private static final java.util.regex.Pattern TYPE_WORD = java.util.regex.Pattern.compile(
            "^(?:d\\.?\\s?n\\.?\\s?i|l\\.?\\s?[ce]|cuit|cuil|nif|cpf|rut|run|doc|documento)"
                    + "\\.?[\\s:]*(?:(?:n[º°o]?|nro|num)\\.?[\\s:]*)?(?=\\d)",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    private static String withoutTypeWord(String t) {
        if (t.isEmpty() || Text.isAsciiDigit(t.charAt(0))) {
            return t;
        }
        java.util.regex.Matcher m = TYPE_WORD.matcher(t);
        return m.find() ? t.substring(m.end()) : t;
    }

    private static Normalized spanish(String what, String eightDigits, char letter, String value) {
        char expected = DNI_LETTERS.charAt(Integer.parseInt(eightDigits) % 23);
        if (letter != expected) {
            return Normalized.invalid(PREFIX + "Spanish " + what + " control letter should be " + expected);
        }
        return Normalized.ok(value);
    }

    private static Normalized rut(String s) {
        int n = s.length();
        int sum = 0;
        int weight = 2;
        for (int i = n - 2; i >= 0; i--) {
            sum += (s.charAt(i) - '0') * weight;
            weight = weight == 7 ? 2 : weight + 1;
        }
        int r = 11 - sum % 11;
        char expected = r == 11 ? '0' : r == 10 ? 'K' : (char) ('0' + r);
        if (s.charAt(n - 1) != expected) {
            return Normalized.invalid(PREFIX + "Chilean RUT check digit should be " + expected);
        }
        return Normalized.ok(stripLeadingZeros(s));
    }

    private static Normalized cpf(String s) {
        if (Text.oneRepeatedChar(s)) {
            return Normalized.invalid(PREFIX + "CPF cannot have all digits equal");
        }
        int d1 = cpfDigit(s.substring(0, 9), 9);
        int d2 = cpfDigit(s.substring(0, 9) + d1, 10);
        if (s.charAt(9) - '0' != d1 || s.charAt(10) - '0' != d2) {
            return Normalized.invalid(PREFIX + "CPF check digits should be " + d1 + d2);
        }
        return Normalized.ok(s);
    }

    /** CPF check digit over the first {@code len} digits, weights len+1 down to 2. */
    private static int cpfDigit(String s, int len) {
        int sum = 0;
        for (int i = 0; i < len; i++) {
            sum += (s.charAt(i) - '0') * (len + 1 - i);
        }
        int r = sum % 11;
        return r < 2 ? 0 : 11 - r;
    }

    private static final int[] CUIT_WEIGHTS = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

    private static Normalized cuit(String s) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += (s.charAt(i) - '0') * CUIT_WEIGHTS[i];
        }
        int r = 11 - sum % 11;
        if (r == 10) {
            return Normalized.invalid(PREFIX + "not a valid CUIT/CUIL number");
        }
        int expected = r == 11 ? 0 : r;
        if (s.charAt(10) - '0' != expected) {
            return Normalized.invalid(PREFIX + "CUIT/CUIL check digit should be " + expected);
        }
        return Normalized.ok(s);
    }

    private static int leadingDigits(String s) {
        int i = 0;
        while (i < s.length() && Text.isAsciiDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isLetter(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static String stripLeadingZeros(String s) {
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }

    /** {@code t} matches {@code pattern}, where 'd' is any ASCII digit and other chars are literal. */
    private static boolean shape(String t, String pattern) {
        if (t.length() != pattern.length()) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            char p = pattern.charAt(i);
            char c = t.charAt(i);
            if (p == 'd' ? !Text.isAsciiDigit(c) : c != p) {
                return false;
            }
        }
        return true;
    }
}
