package io.idem.core.generate;

import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;

/** Small text and formatting helpers: accent dropping, typos, case mess, dates, padding. */
final class Text {
    private Text() {
    }

    private static final String ROW1 = "qwertyuiop";
    private static final String ROW2 = "asdfghjklñ";
    private static final String ROW3 = "zxcvbnm";

    /** Removes Spanish diacritics (á é í ó ú ü ñ and upper-case forms); returns the same string when none. */
    static String stripAccents(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && s.charAt(i) < 0x80) {
            i++;
        }
        if (i == n) {
            return s;
        }
        char[] out = s.toCharArray();
        for (; i < n; i++) {
            out[i] = plain(out[i]);
        }
        return new String(out);
    }

    static char plain(char c) {
        switch (c) {
            case 'á': case 'à': case 'ä': return 'a';
            case 'é': case 'è': case 'ë': return 'e';
            case 'í': case 'ì': case 'ï': return 'i';
            case 'ó': case 'ò': case 'ö': return 'o';
            case 'ú': case 'ù': case 'ü': return 'u';
            case 'ñ': return 'n';
            case 'Á': case 'À': case 'Ä': return 'A';
            case 'É': case 'È': case 'Ë': return 'E';
            case 'Í': case 'Ì': case 'Ï': return 'I';
            case 'Ó': case 'Ò': case 'Ö': return 'O';
            case 'Ú': case 'Ù': case 'Ü': return 'U';
            case 'Ñ': return 'N';
            default: return c;
        }
    }

    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Lower-case ASCII letters and digits only: "D'Angelo" -> "dangelo", "Di Marco" -> "dimarco". */
    static String slug(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = Character.toLowerCase(plain(s.charAt(i)));
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The first word of a possibly compound name: "María José" -> "María". */
    static String firstWord(String s) {
        int i = s.indexOf(' ');
        return i < 0 ? s : s.substring(0, i);
    }

    /**
     * One realistic keying or hearing mistake: a phonetic swap (z/s, v/b, c/s, dropped h), a dropped,
     * doubled or swapped letter, a neighbouring key, or one dropped accent. Never touches the first letter
     * except to drop a silent h. Always returns a different string when the input has at least 3 letters.
     */
    static String typo(String s, SplittableRandom r) {
        int n = s.length();
        if (n < 3) {
            return s;
        }
        char[] a = s.toCharArray();
        for (int attempt = 0; attempt < 6; attempt++) {
            int op = r.nextInt(10);
            if (op <= 2) {
                String t = phonetic(a, r);
                if (t != null) {
                    return t;
                }
                continue;
            }
            int pos = 1 + r.nextInt(n - 1);
            char c = a[pos];
            if (!Character.isLetter(c)) {
                continue;
            }
            switch (op) {
                case 3, 4 -> {
                    return new StringBuilder(n - 1).append(a, 0, pos).append(a, pos + 1, n - pos - 1).toString();
                }
                case 5 -> {
                    return new StringBuilder(n + 1).append(a, 0, pos + 1).append(c).append(a, pos + 1, n - pos - 1)
                            .toString();
                }
                case 6, 7 -> {
                    char p = a[pos - 1];
                    if (Character.isLetter(p) && Character.toLowerCase(p) != Character.toLowerCase(c)) {
                        a[pos - 1] = sameCase(c, p);
                        a[pos] = sameCase(p, c);
                        return new String(a);
                    }
                }
                default -> {
                    char q = plain(c);
                    if (q != c) {
                        a[pos] = q;
                        return new String(a);
                    }
                    char k = neighbour(Character.toLowerCase(c), r);
                    if (k != 0) {
                        a[pos] = sameCase(k, c);
                        return new String(a);
                    }
                }
            }
        }
        return s.substring(0, n - 1);
    }

    private static String phonetic(char[] a, SplittableRandom r) {
        int n = a.length;
        if ((a[0] == 'h' || a[0] == 'H') && n > 3 && r.nextInt(3) == 0) {
            char next = a[1];
            StringBuilder b = new StringBuilder(n - 1).append(a, 1, n - 1);
            b.setCharAt(0, Character.isUpperCase(a[0]) ? Character.toUpperCase(next) : next);
            return b.toString();
        }
        int start = r.nextInt(n);
        for (int j = 0; j < n; j++) {
            int i = (start + j) % n;
            if (i == 0) {
                continue;
            }
            char lc = Character.toLowerCase(a[i]);
            char rep;
            switch (lc) {
                case 'z' -> rep = 's';
                case 's' -> rep = i == n - 1 ? 'z' : 0;
                case 'v' -> rep = 'b';
                case 'b' -> rep = 'v';
                case 'c' -> {
                    char nx = i + 1 < n ? Character.toLowerCase(plain(a[i + 1])) : 0;
                    rep = (nx == 'e' || nx == 'i') ? 's' : 0;
                }
                case 'y' -> rep = i + 1 < n && !isVowel(a[i + 1]) ? 'i' : 0;
                default -> rep = 0;
            }
            if (rep != 0) {
                a[i] = sameCase(rep, a[i]);
                return new String(a);
            }
        }
        return null;
    }

    private static boolean isVowel(char c) {
        return "aeiouAEIOU".indexOf(plain(c)) >= 0;
    }

    private static char neighbour(char c, SplittableRandom r) {
        for (String row : new String[] {ROW1, ROW2, ROW3}) {
            int i = row.indexOf(c);
            if (i >= 0) {
                if (i == 0) {
                    return row.charAt(1);
                }
                if (i == row.length() - 1) {
                    return row.charAt(i - 1);
                }
                return row.charAt(r.nextBoolean() ? i - 1 : i + 1);
            }
        }
        return 0;
    }

    private static char sameCase(char c, char like) {
        return Character.isUpperCase(like) ? Character.toUpperCase(c) : Character.toLowerCase(c);
    }

    /** "mónica gonzález" -> "Mónica González" (first letter of each word upper-cased). */
    static String title(String s) {
        char[] a = s.toCharArray();
        boolean start = true;
        for (int i = 0; i < a.length; i++) {
            char c = a[i];
            if (Character.isLetter(c)) {
                a[i] = start ? Character.toUpperCase(c) : Character.toLowerCase(c);
                start = false;
            } else {
                start = true;
            }
        }
        return new String(a);
    }

    /** Appends {@code v} left-padded with zeros to {@code width} digits. */
    static void pad(StringBuilder b, long v, int width) {
        int len = 1;
        for (long x = v; x >= 10; x /= 10) {
            len++;
        }
        for (int i = len; i < width; i++) {
            b.append('0');
        }
        b.append(v);
    }

    /** yyyy-MM-dd */
    static void isoDate(StringBuilder b, int epochDay) {
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        b.append(d.getYear()).append('-');
        pad(b, d.getMonthValue(), 2);
        b.append('-');
        pad(b, d.getDayOfMonth(), 2);
    }

    /** dd/MM/yyyy */
    static void dmyDate(StringBuilder b, int epochDay) {
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        pad(b, d.getDayOfMonth(), 2);
        b.append('/');
        pad(b, d.getMonthValue(), 2);
        b.append('/').append(d.getYear());
    }

    /** HH:mm or HH:mm:ss from seconds of the day. */
    static void time(StringBuilder b, int secondOfDay, boolean seconds) {
        pad(b, secondOfDay / 3600, 2);
        b.append(':');
        pad(b, secondOfDay / 60 % 60, 2);
        if (seconds) {
            b.append(':');
            pad(b, secondOfDay % 60, 2);
        }
    }

    /** An amount in cents as {@code 12345.67}. */
    static void money(StringBuilder b, long cents) {
        b.append(cents / 100).append('.');
        pad(b, cents % 100, 2);
    }

    /** A document number as written: plain {@code 30123456} or dotted {@code 30.123.456}. */
    static void document(StringBuilder b, int dni, boolean dots) {
        if (!dots) {
            b.append(dni);
            return;
        }
        int millions = dni / 1_000_000;
        int thousands = dni / 1000 % 1000;
        int units = dni % 1000;
        if (millions > 0) {
            b.append(millions).append('.');
            pad(b, thousands, 3);
        } else {
            b.append(thousands);
        }
        b.append('.');
        pad(b, units, 3);
    }

    /** An e-mail with realistic typing noise: random capitals and, sometimes, surrounding spaces. */
    static void messyEmail(StringBuilder b, String email, SplittableRandom r, double caseP, double spaceP) {
        boolean sp = r.nextDouble() < spaceP;
        int spaceKind = sp ? r.nextInt(3) : -1;
        if (spaceKind == 0 || spaceKind == 2) {
            b.append(' ');
        }
        if (r.nextDouble() < caseP) {
            int at = email.indexOf('@');
            switch (r.nextInt(4)) {
                case 0 -> b.append(upper(email));
                case 1 -> b.append(Character.toUpperCase(email.charAt(0))).append(email, 1, email.length());
                case 2 -> b.append(email, 0, at + 1).append(Character.toUpperCase(email.charAt(at + 1)))
                        .append(email, at + 2, email.length());
                default -> b.append(title(email.substring(0, at))).append(email, at, email.length());
            }
        } else {
            b.append(email);
        }
        if (spaceKind >= 1) {
            b.append(' ');
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** A random (version 4) UUID in its canonical lower-case form. */
    static void uuid(StringBuilder b, SplittableRandom r) {
        long hi = (r.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lo = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        hex(b, hi >>> 32, 8);
        b.append('-');
        hex(b, hi >>> 16, 4);
        b.append('-');
        hex(b, hi, 4);
        b.append('-');
        hex(b, lo >>> 48, 4);
        b.append('-');
        hex(b, lo, 12);
    }

    private static void hex(StringBuilder b, long v, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            b.append(HEX[(int) (v >>> (i * 4)) & 0xf]);
        }
    }
}
