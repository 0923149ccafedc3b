package io.idem.server;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Hides personal data in text bound for logs: e-mail addresses and runs of digits (phones, documents). */
final class Mask {
    private static final Pattern EMAIL = Pattern.compile("[^\\s'\"<>@,;:]+@([^\\s'\"<>@,;:]+)");
    private static final Pattern DIGITS = Pattern.compile("\\d[\\d .-]{3,}\\d");

    private Mask() {
    }

    static String text(String s) {
        if (s == null) {
            return "";
        }
        String out = EMAIL.matcher(s).replaceAll(m -> "***@" + Matcher.quoteReplacement(m.group(1)));
        return DIGITS.matcher(out).replaceAll("***");
    }
}
