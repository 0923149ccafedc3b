package io.idem.core.match;

import io.idem.core.model.Field;
import io.idem.core.model.SourceRecord;
import io.idem.core.normalize.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What fuzzy matching compares of a record, in comparison form: names as folded tokens
 * ({@code Mónica NÚÑEZ} gives {@code monica}, {@code nunez}), particles ({@code de}, {@code la}...)
 * dropped, birth date {@code YYYY-MM-DD}, postcode, city and address folded, and the valid
 * documents, phones and emails. Empty arrays and {@code null} mean missing.
 *
 * @param given first-name tokens, in order
 * @param family surname tokens, in order
 * @param full tokens of a full name whose parts are not labelled ({@code MORALES CONSTANZA}), in order
 */
public record MatchRecord(String[] given, String[] family, String[] full, String birth, String gender,
        String postcode, String city, String address, String[] documents, String[] phones, String[] emails) {

    private static final String[] NONE = new String[0];
    private static final char PART = '\u001D';
    private static final Set<String> PARTICLES = Set.of("de", "del", "la", "las", "los", "y", "da", "das", "do",
            "dos", "di", "van", "von", "der", "le", "du", "e");

    /** Builds the comparison form of a normalised record. */
    public static MatchRecord of(SourceRecord record) {
        StringBuilder given = new StringBuilder();
        StringBuilder family = new StringBuilder();
        StringBuilder full = new StringBuilder();
        String birth = null;
        String gender = null;
        String postcode = null;
        String city = null;
        StringBuilder address = new StringBuilder();
        List<String> docs = new ArrayList<>(1);
        List<String> phones = new ArrayList<>(1);
        List<String> emails = new ArrayList<>(1);
        for (Field f : record.fields()) {
            if (!f.valid()) {
                continue;
            }
            String v = f.normalized();
            switch (f.kind()) {
                case FIRST_NAME -> given.append(' ').append(v);
                case LAST_NAME -> family.append(' ').append(v);
                case FULL_NAME -> {
                    int comma = f.raw().indexOf(',');
                    if (comma > 0) { // "Morales, Constanza": surname first
                        family.append(' ').append(f.raw(), 0, comma);
                        given.append(' ').append(f.raw().substring(comma + 1));
                    } else {
                        full.append(' ').append(v);
                    }
                }
                case BIRTH_DATE -> birth = birth == null ? v : birth;
                case GENDER -> gender = gender == null && !v.isEmpty() ? v.substring(0, 1) : gender;
                case POSTCODE -> postcode = postcode == null ? v : postcode;
                case CITY -> city = city == null ? Names.comparisonForm(v) : city;
                case ADDRESS, STREET_NUMBER -> address.append(' ').append(v);
                case DOCUMENT -> docs.add(v);
                case PHONE -> phones.add(v);
                case EMAIL -> emails.add(v);
                default -> {
                    // events and attributes are not compared
                }
            }
        }
        String[] g = tokens(given.toString());
        String[] fam = tokens(family.toString());
        String[] fu = g.length + fam.length > 0 ? NONE : tokens(full.toString());
        String addr = Names.comparisonForm(address.toString());
        return new MatchRecord(g, fam, fu, birth, gender, postcode, empty(city), empty(addr),
                distinct(docs), distinct(phones), distinct(emails));
    }

    /** True when the record has nothing fuzzy matching could use. */
    public boolean isEmpty() {
        return given.length + family.length + full.length == 0 && birth == null && postcode == null && city == null
                && address == null && documents.length + phones.length + emails.length == 0;
    }

    /** Every name token, labelled or not. */
    public String[] nameTokens() {
        if (full.length > 0) {
            return full;
        }
        String[] out = new String[given.length + family.length];
        System.arraycopy(given, 0, out, 0, given.length);
        System.arraycopy(family, 0, out, given.length, family.length);
        return out;
    }

    /**
     * The compact text stored with the record's resolution keys. Identifiers are not included: they
     * are stored beside it and passed back to {@link #decode}.
     */
    public String encode() {
        StringBuilder sb = new StringBuilder(64);
        sb.append(String.join(" ", given)).append(PART).append(String.join(" ", family)).append(PART).append(String.join(" ", full)).append(PART);
        for (String s : new String[] {birth, gender, postcode, city, address}) {
            if (s != null) {
                sb.append(clean(s));
            }
            sb.append(PART);
        }
        return sb.toString();
    }

    /** Inverse of {@link #encode}; {@code idKeys} are the record's identifiers as {@code kind:value}. */
    public static MatchRecord decode(String text, String[] idKeys) {
        // called for every compared candidate: parts are cut straight from the text, no lists
        String[][] names = new String[3][];
        String[] rest = new String[5];
        int start = 0;
        for (int i = 0; i < 8; i++) {
            int end = text == null ? -1 : text.indexOf(PART, start);
            if (i < 3) {
                names[i] = end < 0 ? NONE : split(text, start, end);
            } else {
                rest[i - 3] = end <= start ? null : text.substring(start, end);
            }
            if (end < 0) {
                start = text == null ? 0 : text.length();
            } else {
                start = end + 1;
            }
        }
        return new MatchRecord(names[0], names[1], names[2], rest[0], rest[1], rest[2], rest[3], rest[4],
                ids(idKeys, "document:"), ids(idKeys, "phone:"), ids(idKeys, "email:"));
    }

    /** The values of the identifiers of one kind ({@code prefix} is {@code kind:}), in order. */
    private static String[] ids(String[] idKeys, String prefix) {
        int n = 0;
        for (String key : idKeys) {
            if (key.startsWith(prefix)) {
                n++;
            }
        }
        if (n == 0) {
            return NONE;
        }
        String[] out = new String[n];
        int k = 0;
        for (String key : idKeys) {
            if (key.startsWith(prefix)) {
                out[k++] = key.substring(prefix.length());
            }
        }
        return out;
    }

    /** The form of a postcode whose frequency is counted: its digits, else the whole code. */
    public static String postcodeKey(String postcode) {
        return Comparators.postcodeCore(postcode);
    }

    /** The form of a city whose frequency is counted (the names of Buenos Aires city are one). */
    public static String cityKey(String city) {
        return Comparators.cityCore(city);
    }

    /** Comparison-form tokens of a name, particles dropped. */
    static String[] tokens(String name) {
        String form = Names.comparisonForm(name);
        if (form.isEmpty()) {
            return NONE;
        }
        List<String> out = new ArrayList<>(3);
        for (String t : form.split(" ")) {
            if (!PARTICLES.contains(t)) {
                out.add(t);
            }
        }
        return out.toArray(NONE);
    }

    /** The space-separated tokens of {@code s} between {@code from} and {@code to}, as {@code split(" ")} gives them. */
    private static String[] split(String s, int from, int to) {
        // split drops trailing empty strings
        while (to > from && s.charAt(to - 1) == ' ') {
            to--;
        }
        if (to == from) {
            return NONE;
        }
        int n = 1;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == ' ') {
                n++;
            }
        }
        String[] out = new String[n];
        int start = from;
        for (int k = 0; k < n - 1; k++) {
            int end = s.indexOf(' ', start);
            out[k] = s.substring(start, end);
            start = end + 1;
        }
        out[n - 1] = s.substring(start, to);
        return out;
    }

    private static String empty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String clean(String s) {
        return s.indexOf(PART) < 0 && s.indexOf('\u001E') < 0 && s.indexOf('\u001F') < 0 ? s
                : s.replace(PART, ' ').replace('\u001E', ' ').replace('\u001F', ' ');
    }

    private static String[] distinct(List<String> values) {
        // almost always none or one: a stream with a hash set cost 9% of a normaliser thread
        int n = values.size();
        if (n == 0) {
            return NONE;
        }
        String[] out = new String[n];
        int k = 0;
        next:
        for (String v : values) {
            for (int i = 0; i < k; i++) {
                if (out[i].equals(v)) {
                    continue next;
                }
            }
            out[k++] = v;
        }
        return k == n ? out : java.util.Arrays.copyOf(out, k);
    }
}
