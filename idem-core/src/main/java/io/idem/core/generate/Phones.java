package io.idem.core.generate;

/**
 * Writes Argentine phone numbers the many ways people type them. A number is kept as its 10-digit
 * national significant number (area code + subscriber, no trunk 0, no 15, no 9); every mobile form
 * written denotes +54 9 &lt;area&gt; &lt;subscriber&gt; and every landline form +54 &lt;area&gt; &lt;subscriber&gt;.
 */
final class Phones {
    private Phones() {
    }

    /** Mobile forms, shown for area 11 / 351. */
    static final int M_TRUNK_15_DASH = 0;   // 011 15-4123-4567    0351 15-412-3456
    static final int M_PAREN_15 = 1;        // (011) 15 4123 4567  (0351) 15 412 3456
    static final int M_BARE = 2;            // 11 4123 4567        351 412 3456
    static final int M_INTL_DASH = 3;       // +54 9 11 4123-4567  +54 9 351 412-3456
    static final int M_E164_NOPLUS = 4;     // 5491141234567
    static final int M_TRUNK_15_SPACE = 5;  // 011 15 4123-4567    0351 15 412-3456
    static final int M_INTL_SPACE = 6;      // +54 9 11 4123 4567  +54 9 351 412 3456
    static final int M_E164 = 7;            // +5491141234567
    static final int M_TRUNK_15_COMPACT = 8; // 011-15-41234567
    static final int M_PAREN_15_DASH = 9;   // (011) 15-4123-4567
    static final int MOBILE_FORMS = 10;

    /** Landline forms. */
    static final int L_TRUNK = 0;   // 011 4123-4567
    static final int L_INTL = 1;    // +54 11 4123-4567
    static final int L_PAREN = 2;   // (011) 4123-4567
    static final int L_DIGITS = 3;  // 541141234567
    static final int L_BARE = 4;    // 11 4123-4567
    static final int LANDLINE_FORMS = 5;

    /** Appends a mobile number; {@code national} is the 10-digit area+subscriber, {@code areaLen} its area length. */
    static void mobile(StringBuilder b, String national, int areaLen, int form) {
        int split = national.length() - 4;
        switch (form) {
            case M_TRUNK_15_DASH -> b.append('0').append(national, 0, areaLen).append(" 15-")
                    .append(national, areaLen, split).append('-').append(national, split, 10);
            case M_PAREN_15 -> b.append("(0").append(national, 0, areaLen).append(") 15 ")
                    .append(national, areaLen, split).append(' ').append(national, split, 10);
            case M_BARE -> b.append(national, 0, areaLen).append(' ')
                    .append(national, areaLen, split).append(' ').append(national, split, 10);
            case M_INTL_DASH -> b.append("+54 9 ").append(national, 0, areaLen).append(' ')
                    .append(national, areaLen, split).append('-').append(national, split, 10);
            case M_E164_NOPLUS -> b.append("549").append(national);
            case M_TRUNK_15_SPACE -> b.append('0').append(national, 0, areaLen).append(" 15 ")
                    .append(national, areaLen, split).append('-').append(national, split, 10);
            case M_INTL_SPACE -> b.append("+54 9 ").append(national, 0, areaLen).append(' ')
                    .append(national, areaLen, split).append(' ').append(national, split, 10);
            case M_E164 -> b.append("+549").append(national);
            case M_TRUNK_15_COMPACT -> b.append('0').append(national, 0, areaLen).append("-15-")
                    .append(national, areaLen, 10);
            case M_PAREN_15_DASH -> b.append("(0").append(national, 0, areaLen).append(") 15-")
                    .append(national, areaLen, split).append('-').append(national, split, 10);
            default -> throw new IllegalArgumentException("mobile form " + form);
        }
    }

    /** Appends a fixed line number. */
    static void landline(StringBuilder b, String national, int areaLen, int form) {
        int split = national.length() - 4;
        switch (form) {
            case L_TRUNK -> b.append('0').append(national, 0, areaLen).append(' ')
                    .append(national, areaLen, split).append('-').append(national, split, 10);
            case L_INTL -> b.append("+54 ").append(national, 0, areaLen).append(' ')
                    .append(national, areaLen, split).append('-').append(national, split, 10);
            case L_PAREN -> b.append("(0").append(national, 0, areaLen).append(") ")
                    .append(national, areaLen, split).append('-').append(national, split, 10);
            case L_DIGITS -> b.append("54").append(national);
            case L_BARE -> b.append(national, 0, areaLen).append(' ')
                    .append(national, areaLen, split).append('-').append(national, split, 10);
            default -> throw new IllegalArgumentException("landline form " + form);
        }
    }
}
