package io.idem.core.normalize;

import java.text.Normalizer.Form;
import java.util.Set;

/**
 * Name text helpers. {@link #comparisonForm} is the folded form used to compare names;
 * {@link #display} is the tidy form stored as the normalised value of name fields. Neither depends
 * on the default locale (a Turkish JVM must still fold "IGNACIO" to "ignacio").
 */
public final class Names {
    /** Lower-case particles kept lower-case inside names (never as the first word). */
    private static final Set<String> PARTICLES = Set.of("de", "del", "la", "las", "los", "y", "da", "das", "do", "dos");

    private Names() {
    }

    /**
     * Folds a name for comparison: decomposes (NFD), drops combining marks, lower-cases without
     * locale rules, maps ß to ss (and a few letters that do not decompose, like ø and ł), turns
     * every other non letter/digit into a space, collapses spaces and trims.
     * {@code "Mónica NÚÑEZ"} becomes {@code "monica nunez"}; {@code "José-María  O'Neill"} becomes
     * {@code "jose maria o neill"}. {@code null} gives "".
     */
    public static String comparisonForm(String name) {
        if (name == null || name.isEmpty()) {
            return "";
        }
        String s = Text.isAscii(name) ? name : java.text.Normalizer.normalize(name, Form.NFD);
        StringBuilder b = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0, n = s.length(); i < n; ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK) {
                continue;
            }
            if (!Character.isLetterOrDigit(cp)) {
                pendingSpace = b.length() > 0;
                continue;
            }
            if (pendingSpace) {
                b.append(' ');
                pendingSpace = false;
            }
            int lower = Character.toLowerCase(cp); // locale-independent, unlike String.toLowerCase()
            switch (lower) {
                case 'ß', 'ẞ' -> b.append("ss");
                case 'ø' -> b.append('o');
                case 'æ' -> b.append("ae");
                case 'œ' -> b.append("oe");
                case 'ł' -> b.append('l');
                case 'đ', 'ð' -> b.append('d');
                case 'þ' -> b.append("th");
                case 'ı' -> b.append('i');
                default -> b.appendCodePoint(lower);
            }
        }
        return b.toString();
    }

    /**
     * The tidy display form of a name: NFC, trimmed, white space collapsed and, when the input was
     * written all in upper case or all in lower case, title case with particles (de, del, la, y...)
     * kept lower-case inside the name: {@code "MONICA NÚÑEZ"} becomes {@code "Monica Núñez"}.
     * Mixed-case input ("McDonald", "María de la Cruz") is kept as written. {@code null} gives "".
     */
    public static String display(String name) {
        String s = clean(name);
        if (s.isEmpty()) {
            return s;
        }
        boolean upper = false;
        boolean lower = false;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isUpperCase(c)) {
                upper = true;
            } else if (Character.isLowerCase(c)) {
                lower = true;
            }
        }
        return upper && lower ? s : titleCase(s);
    }

    /** NFC, trimmed and with internal white space collapsed; no case change. {@code null} gives "". */
    public static String clean(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String s = Text.isAscii(text) ? text : java.text.Normalizer.normalize(text, Form.NFC);
        return Text.collapse(s);
    }

    private static String titleCase(String s) {
        StringBuilder b = new StringBuilder(s.length());
        int wordIndex = 0;
        int start = 0;
        int n = s.length();
        while (start < n) {
            int end = s.indexOf(' ', start);
            if (end < 0) {
                end = n;
            }
            String word = s.substring(start, end).toLowerCase(java.util.Locale.ROOT);
            if (wordIndex > 0) {
                b.append(' ');
            }
            if (wordIndex > 0 && PARTICLES.contains(word)) {
                b.append(word);
            } else {
                capitalizeParts(word, b);
            }
            wordIndex++;
            start = end + 1;
        }
        return b.toString();
    }

    /** Upper-cases the first letter of the word and each letter following a hyphen or apostrophe. */
    private static void capitalizeParts(String word, StringBuilder b) {
        boolean capNext = true;
        for (int i = 0, n = word.length(); i < n; ) {
            int cp = word.codePointAt(i);
            i += Character.charCount(cp);
            if (capNext && Character.isLetter(cp)) {
                b.appendCodePoint(Character.toTitleCase(cp));
                capNext = false;
            } else {
                b.appendCodePoint(cp);
                if (cp == '-' || cp == '\'' || cp == '’') {
                    capNext = true;
                } else if (Character.isLetterOrDigit(cp)) {
                    capNext = false;
                }
            }
        }
    }
}
