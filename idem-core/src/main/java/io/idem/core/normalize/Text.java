package io.idem.core.normalize;

/** Small allocation-light string helpers shared by the normalisers. Locale-independent. */
final class Text {
    private Text() {
    }

    /** Any Unicode white space, including the no-break spaces that spreadsheets love. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r'
                || (c > ' ' && (Character.isWhitespace(c) || Character.isSpaceChar(c)))
                || c == '\u000B' || c == '\f';
    }

    static boolean isBlank(String s) {
        if (s == null) {
            return true;
        }
        for (int i = 0, n = s.length(); i < n; i++) {
            if (!isSpace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Trims and collapses every run of white space to one ASCII space. Returns {@code s} itself when already clean. */
    static String collapse(String s) {
        int n = s.length();
        boolean clean = n == 0 || (!isSpace(s.charAt(0)) && !isSpace(s.charAt(n - 1)));
        for (int i = 0; clean && i < n; i++) {
            char c = s.charAt(i);
            if (isSpace(c) && (c != ' ' || (i + 1 < n && isSpace(s.charAt(i + 1))))) {
                clean = false;
            }
        }
        if (clean) {
            return s;
        }
        StringBuilder b = new StringBuilder(n);
        boolean pendingSpace = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                pendingSpace = b.length() > 0;
            } else {
                if (pendingSpace) {
                    b.append(' ');
                    pendingSpace = false;
                }
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Trims Unicode white space at both ends. */
    static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == s.length() ? s : s.substring(start, end);
    }

    /** Removes every white space character. */
    static String removeSpaces(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && !isSpace(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder b = new StringBuilder(n);
        b.append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (!isSpace(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    static boolean isAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean allAsciiDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0, n = s.length(); i < n; i++) {
            if (!isAsciiDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Parses a run of ASCII digits; -1 when any char is not a digit or the run is empty/too long. */
    static int parseDigits(String s, int from, int to) {
        if (to <= from || to - from > 9) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isAsciiDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Same character repeated over the whole (non-empty) string. */
    static boolean oneRepeatedChar(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char first = s.charAt(0);
        for (int i = 1, n = s.length(); i < n; i++) {
            if (s.charAt(i) != first) {
                return false;
            }
        }
        return true;
    }

    /** Digits that step by +1 or by -1 (wrapping 9 to 0), like 123456789, 1234567890, 87654321. */
    static boolean digitRun(String s) {
        int n = s.length();
        if (n < 2 || !allAsciiDigits(s)) {
            return false;
        }
        int step = Math.floorMod(s.charAt(1) - s.charAt(0), 10);
        if (step != 1 && step != 9) {
            return false;
        }
        for (int i = 2; i < n; i++) {
            if (Math.floorMod(s.charAt(i) - s.charAt(i - 1), 10) != step) {
                return false;
            }
        }
        return true;
    }

    /**
     * A number a spreadsheet stored as a decimal ({@code 30123456.0}, {@code 1141234567,00}): the
     * digits before the separator; anything else as it is. Only with at least four digits before
     * the separator, so a number grouped in thousands ({@code 123.000}) is never cut.
     */
    static String withoutSpreadsheetDecimals(String t) {
        int sep = Math.max(t.lastIndexOf('.'), t.lastIndexOf(','));
        if (sep < 4 || sep == t.length() - 1) {
            return t;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (i < sep ? !isAsciiDigit(c) : i > sep && c != '0') {
                return t;
            }
        }
        return t.substring(0, sep);
    }
}
