package io.idem.core.normalize;

import java.util.Locale;

/**
 * Emails: trimmed, surrounding {@code <...>} and a {@code mailto:} prefix removed, lower-cased
 * (Locale.ROOT), then checked by hand (no regex): exactly one '@'; a local part of at most 64
 * characters without spaces, control characters or address punctuation, not starting or ending with
 * a dot; a domain of at least two labels made of letters, digits and hyphens (not at a label's
 * ends); a top-level domain of at least two letters (or an IDN {@code xn--} label); no consecutive
 * dots anywhere.
 */
final class EmailNormalizer implements Normalizer {
    static final String PROBLEM = "invalid email";
    private static final Normalized INVALID = Normalized.invalid(PROBLEM);

    @Override
    public Normalized normalize(String raw) {
        if (Text.isBlank(raw)) {
            return Normalized.EMPTY;
        }
        String s = Text.trim(raw);
        boolean changed = true;
        while (changed && !s.isEmpty()) {
            changed = false;
            if (s.length() >= 2 && s.charAt(0) == '<' && s.charAt(s.length() - 1) == '>') {
                s = Text.trim(s.substring(1, s.length() - 1));
                changed = true;
            }
            if (s.regionMatches(true, 0, "mailto:", 0, 7)) {
                s = Text.trim(s.substring(7));
                changed = true;
            }
        }
        s = s.toLowerCase(Locale.ROOT);
        return valid(s) ? Normalized.ok(s) : INVALID;
    }

    static boolean valid(String s) {
        int at = s.indexOf('@');
        if (at <= 0 || at != s.lastIndexOf('@') || at > 64) {
            return false;
        }
        return validLocal(s, 0, at) && validDomain(s, at + 1, s.length());
    }

    private static boolean validLocal(String s, int from, int to) {
        if (s.charAt(from) == '.' || s.charAt(to - 1) == '.') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == 0x7F || Text.isSpace(c) || Character.isISOControl(c)) {
                return false;
            }
            switch (c) {
                case '<', '>', '(', ')', '[', ']', ',', ';', ':', '\\', '"' -> {
                    return false;
                }
                case '.' -> {
                    if (s.charAt(i + 1) == '.') {
                        return false;
                    }
                }
                default -> {
                }
            }
        }
        return true;
    }

    private static boolean validDomain(String s, int from, int to) {
        if (to - from < 4 || to - from > 253) {
            return false;
        }
        int labels = 0;
        int labelStart = from;
        for (int i = from; i <= to; i++) {
            if (i == to || s.charAt(i) == '.') {
                if (!validLabel(s, labelStart, i)) {
                    return false;
                }
                labels++;
                if (i == to) {
                    return labels >= 2 && validTld(s, labelStart, i);
                }
                labelStart = i + 1;
            }
        }
        return false;
    }

    private static boolean validLabel(String s, int from, int to) {
        if (to <= from || to - from > 63 || s.charAt(from) == '-' || s.charAt(to - 1) == '-') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !Text.isAsciiDigit(c) && c != '-'
                    && !(c >= 0x80 && Character.isLetterOrDigit(c))) {
                return false;
            }
        }
        return true;
    }

    private static boolean validTld(String s, int from, int to) {
        if (to - from < 2) {
            return false;
        }
        if (s.startsWith("xn--", from)) {
            return to - from > 4;
        }
        for (int i = from; i < to; i++) {
            if (!Character.isLetter(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
