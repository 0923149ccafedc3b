package io.idem.core.normalize;

/**
 * Addresses that say they are a household's, not one person's: {@code flia.veron@}, {@code
 * familiaveron@}, {@code veron.familia@}, {@code fliaveron21@}, {@code family.smith@}. In Argentina
 * and Spain a family address is often named so. Such an address links only records whose names
 * agree (never a record without a name: an app login with the family address is any member's),
 * and agreeing on it is weak evidence in a score, as for an address seen with two documents.
 *
 * <p>A word on its own is not enough: {@code casa} also starts surnames (Casas, Casares), and
 * {@code fam} words; {@code fam} counts only followed by a separator.
 */
public final class Households {
    private static final String[] PREFIXES = {"familia", "family", "flia"};
    private static final String[] SUFFIXES = {"familia", "family", "flia"};

    private Households() {
    }

    /**
     * Whether an email (normalised, lower case; an identifier key {@code email:...} is accepted too)
     * names a family: its local part, digits and separators aside, is a family word before or after
     * a name of at least three letters.
     */
    public static boolean isFamilyAddress(String email) {
        int from = email.startsWith("email:") ? 6 : 0;
        int at = email.indexOf('@', from);
        if (at < 0) {
            return false;
        }
        String local = email.substring(from, at);
        if (local.startsWith("fam.") || local.startsWith("fam_") || local.startsWith("fam-")) {
            return letters(local.substring(4)) >= 3;
        }
        StringBuilder lettersOnly = new StringBuilder(local.length());
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c >= 'a' && c <= 'z') {
                lettersOnly.append(c);
            } else if (c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
                continue;
            } else {
                return false;
            }
        }
        String w = lettersOnly.toString();
        for (String p : PREFIXES) {
            if (w.startsWith(p) && w.length() - p.length() >= 3) {
                return true;
            }
        }
        for (String s : SUFFIXES) {
            if (w.endsWith(s) && w.length() - s.length() >= 3) {
                return true;
            }
        }
        return false;
    }

    private static int letters(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                n++;
            }
        }
        return n;
    }
}
