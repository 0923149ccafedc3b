package io.idem.core.normalize;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.idem.core.IdemException;
import io.idem.core.model.FieldKind;
import io.idem.core.model.Identifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The blocklist of placeholder identifier values that must never link anyone ("sinmail@...",
 * "0000000000", "12345678", "N/A"...). Two layers:
 *
 * <ul>
 *   <li>entries, as data: {@code kind:value} with a normalised value ({@code email:test@test.com},
 *       {@code document:SINDNI}, {@code loyalty_id:NA}), or {@code email-local:sinmail} (that local
 *       part at any domain) or {@code email-domain:example.com} (any address at that domain). The
 *       defaults can be extended with {@link #with} or a file ({@link #load});</li>
 *   <li>shape rules, in code: emails whose local part is one repeated character; phones whose
 *       national number, or whose subscriber part after the area code, is one repeated digit or an
 *       ascending/descending run; documents shorter than 6 characters or whose digits are one
 *       repeated digit or a run (also the body before a check digit); ids made only of zeros and
 *       dashes, or null-like words (-, NA, N/A, NULL, NONE, UNKNOWN, 0).</li>
 * </ul>
 *
 * Immutable and thread-safe.
 */
public final class Placeholders {
    private static final String EMAIL_LOCAL = "email-local";
    private static final String EMAIL_DOMAIN = "email-domain";
    /** A whole name meaning no one ({@link AnonymousSale}), in comparison form. */
    private static final String NAME = "name";

    private static final List<String> DEFAULT_ENTRIES = List.of(
            "email:test@test.com", "email:a@a.com", "email:no@tiene.com", "email:correo@correo.com",
            "email:email@email.com", "email:mail@mail.com", "email:x@x.com",
            "email-local:noreply", "email-local:no-reply", "email-local:no.reply", "email-local:no_reply",
            "email-local:donotreply", "email-local:do-not-reply", "email-local:do.not.reply",
            "email-local:sinmail", "email-local:sin.mail", "email-local:sin-mail", "email-local:sin_mail",
            "email-local:sinemail", "email-local:sin.email", "email-local:sincorreo", "email-local:sin.correo",
            "email-local:nomail", "email-local:no.mail", "email-local:noemail", "email-local:no.email",
            "email-local:nocorreo", "email-local:no.correo", "email-local:notiene", "email-local:no.tiene",
            "email-local:no-tiene", "email-local:notengo", "email-local:no.tengo", "email-local:ninguno",
            "email-local:ninguna", "email-local:none", "email-local:null", "email-local:nulo",
            "email-domain:example.com", "email-domain:example.org", "email-domain:example.net",
            "email-domain:test.com", "email-domain:mailinator.com",
            "document:SINDNI", "document:NODNI", "document:0", "document:SINDOCUMENTO", "document:NOTIENE",
            "device_id:00000000-0000-0000-0000-000000000000");

    /** Null-like words for loyalty, customer, device and social ids, compared upper-case. */
    private static final Set<String> NULL_WORDS = Set.of(
            "-", "NA", "N/A", "N.A.", "NULL", "NONE", "UNKNOWN", "0", "NIL", "UNDEFINED", "NAN", "SIN DATO",
            "SINDATO", "DESCONOCIDO", "NO TIENE", "NOTIENE", "NINGUNO");

    private static final Placeholders DEFAULTS = new Placeholders(defaultEntries());

    private static TreeSet<String> defaultEntries() {
        TreeSet<String> all = new TreeSet<>(DEFAULT_ENTRIES);
        for (String name : AnonymousSale.NAMES) {
            all.add(NAME + ":" + name);
        }
        return all;
    }

    private final Set<String> entries; // canonical entries, sorted
    private final Set<String> exact = new HashSet<>(); // identifier keys, kind:value
    private final Set<String> emailLocals = new HashSet<>();
    private final Set<String> emailDomains = new HashSet<>();
    private final Set<String> names = new HashSet<>();

    private Placeholders(TreeSet<String> canonicalEntries) {
        this.entries = java.util.Collections.unmodifiableSet(canonicalEntries);
        for (String e : canonicalEntries) {
            int colon = e.indexOf(':');
            String kind = e.substring(0, colon);
            String value = e.substring(colon + 1);
            switch (kind) {
                case EMAIL_LOCAL -> emailLocals.add(value);
                case EMAIL_DOMAIN -> emailDomains.add(value);
                case NAME -> names.add(value);
                default -> exact.add(e);
            }
        }
    }

    /** The built-in blocklist. */
    public static Placeholders defaults() {
        return DEFAULTS;
    }

    /** This blocklist plus more entries ({@code kind:value}); a malformed entry is a configuration error. */
    public Placeholders with(Collection<String> extraKeys) {
        TreeSet<String> all = new TreeSet<>(entries);
        for (String key : extraKeys) {
            try {
                all.add(canonical(key));
            } catch (IllegalArgumentException e) {
                throw new IdemException.Configuration("placeholder entry '" + key + "': " + e.getMessage());
            }
        }
        return new Placeholders(all);
    }

    /**
     * The defaults plus the entries of a UTF-8 file: one {@code kind:value} per line; blank lines and
     * {@code #} comments (whole line, or after white space) are ignored.
     */
    public static Placeholders load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IdemException.Configuration("cannot read placeholders file " + file + ": " + e);
        }
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = stripComment(lines.get(i)).trim();
            if (line.isEmpty()) {
                continue;
            }
            try {
                extra.add(canonical(line));
            } catch (IllegalArgumentException e) {
                throw new IdemException.Configuration(
                        "placeholders file " + file + " line " + (i + 1) + ": '" + line + "': " + e.getMessage());
            }
        }
        return DEFAULTS.with(extra);
    }

    /** Whole names meaning no one ({@code name:} entries), in comparison form: see {@link AnonymousSale}. */
    public Set<String> names() {
        return java.util.Collections.unmodifiableSet(names);
    }

    /** All entries (not the shape rules), canonical and sorted. */
    public Set<String> entries() {
        return entries;
    }

    /** Why {@code id} is a placeholder, e.g. "placeholder email" or "repeated-digit phone"; {@code null} when fine. */
    public String reason(Identifier id) {
        if (exact.contains(id.key())) {
            return "placeholder " + id.kind().key();
        }
        String v = id.value();
        return switch (id.kind()) {
            case EMAIL -> emailReason(v);
            case PHONE -> phoneReason(v);
            case DOCUMENT -> documentReason(v);
            default -> idReason(id.kind(), v);
        };
    }

    // ---- rules ------------------------------------------------------------------------------------

    private String emailReason(String v) {
        int at = v.lastIndexOf('@');
        String local = at < 0 ? v : v.substring(0, at);
        String domain = at < 0 ? "" : v.substring(at + 1);
        if (emailLocals.contains(local)) {
            return "placeholder email";
        }
        if (emailDomains.contains(domain)) {
            return "placeholder email domain";
        }
        if (Text.oneRepeatedChar(local)) {
            return "repeated-character email";
        }
        return null;
    }

    private static String phoneReason(String v) {
        StringBuilder d = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            if (Text.isAsciiDigit(v.charAt(i))) {
                d.append(v.charAt(i));
            }
        }
        String digits = d.toString();
        String nsn = digits;
        int countryCode = 0;
        if (v.startsWith("+")) {
            PhoneNumberUtil util = PhoneNumberUtil.getInstance();
            for (int len = 1; len <= 3 && len < digits.length(); len++) {
                int cc = Integer.parseInt(digits.substring(0, len));
                if (!"ZZ".equals(util.getRegionCodeForCountryCode(cc))) { // calling codes are prefix-free
                    countryCode = cc;
                    nsn = digits.substring(len);
                    break;
                }
            }
        }
        if (nsn.isEmpty()) {
            return "repeated-digit phone";
        }
        String national = countryCode == 54 && nsn.length() == 11 && nsn.charAt(0) == '9' ? nsn.substring(1) : nsn;
        String shape = shape(national);
        if (shape != null) {
            return shape + " phone";
        }
        // Subscriber part after the area code. Only worth the parse when the tail looks suspicious.
        int sameTail = sameDigitTail(nsn);
        int runTail = runTail(nsn);
        if (Math.max(sameTail, runTail) < 6) {
            return null;
        }
        int areaLength = -1;
        if (countryCode != 0) {
            try {
                PhoneNumberUtil util = PhoneNumberUtil.getInstance();
                PhoneNumber p = util.parse(v, "ZZ");
                if (util.isValidNumber(p)) { // the destination code of an invalid number is a guess
                    int ndc = util.getLengthOfNationalDestinationCode(p);
                    areaLength = ndc > 0 ? ndc : -1;
                }
            } catch (NumberParseException e) {
                // keep the heuristic below
            }
        }
        if (areaLength > 0) {
            String subscriber = nsn.substring(Math.min(areaLength, nsn.length()));
            String s = subscriber.length() >= 6 ? shape(subscriber) : null;
            return s == null ? null : s + " phone";
        }
        // Unknown area code: a repeated-digit tail after at most 4 leading digits.
        return sameTail >= 6 && sameTail >= nsn.length() - 4 ? "repeated-digit phone" : null;
    }

    private static String documentReason(String v) {
        if (v.length() < 6) {
            return "document too short";
        }
        if (Text.oneRepeatedChar(v)) {
            return "repeated-digit document";
        }
        int n = v.length();
        String core = null;
        if (Text.allAsciiDigits(v)) {
            core = v;
        } else if (Text.allAsciiDigits(v.substring(0, n - 1))) {
            core = v.substring(0, n - 1); // Spanish DNI letter, RUT K
        } else if ("XYZ".indexOf(v.charAt(0)) >= 0 && Text.allAsciiDigits(v.substring(1, n - 1))) {
            core = v.substring(1, n - 1); // Spanish NIE
        }
        if (core == null || core.length() < 6) {
            return null;
        }
        String s = shape(core);
        if (s == null && core.length() == v.length()) {
            // Bodies before check digits: RUT (9 = 8 + 1), CPF (11 = 9 + 2), CUIT/CUIL (11 = 2 + 8 + 1).
            if (n == 9) {
                s = shape(v.substring(0, 8));
            } else if (n == 11) {
                s = shape(v.substring(0, 9));
                if (s == null) {
                    s = shape(v.substring(2, 10));
                }
            }
        }
        return s == null ? null : s + " document";
    }

    private static String idReason(FieldKind kind, String v) {
        String label = kind.key();
        if (NULL_WORDS.contains(v.toUpperCase(Locale.ROOT))) {
            return "placeholder " + label;
        }
        boolean zero = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '0') {
                zero = true;
            } else if (c != '-' && c != ' ') {
                return null;
            }
        }
        return zero ? "all-zero " + label : "placeholder " + label;
    }

    /** "repeated-digit" or "sequential" for such a digit string, else null. */
    private static String shape(String digits) {
        if (Text.oneRepeatedChar(digits)) {
            return "repeated-digit";
        }
        if (digits.length() >= 6 && Text.digitRun(digits)) {
            return "sequential";
        }
        return null;
    }

    private static int sameDigitTail(String s) {
        int n = s.length();
        int i = n - 1;
        while (i > 0 && s.charAt(i - 1) == s.charAt(n - 1)) {
            i--;
        }
        return n - i;
    }

    private static int runTail(String s) {
        int n = s.length();
        if (n < 2) {
            return n;
        }
        int step = Math.floorMod(s.charAt(n - 1) - s.charAt(n - 2), 10);
        if (step != 1 && step != 9) {
            return 1;
        }
        int i = n - 2;
        while (i > 0 && Math.floorMod(s.charAt(i) - s.charAt(i - 1), 10) == step) {
            i--;
        }
        return n - i;
    }

    // ---- entries ----------------------------------------------------------------------------------

    private static String stripComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /** {@code kind:value} in canonical form (kind key lower-case, value cased as the normaliser would). */
    static String canonical(String entry) {
        int colon = entry.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected kind:value, e.g. email:foo@bar.com or email-domain:test.com");
        }
        String kindText = entry.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = entry.substring(colon + 1).trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty value");
        }
        if (kindText.equals(NAME)) {
            String form = Names.comparisonForm(value);
            if (form.isEmpty()) {
                throw new IllegalArgumentException("a name entry needs letters, e.g. name:consumidor final");
            }
            return NAME + ":" + form;
        }
        if (kindText.equals(EMAIL_LOCAL) || kindText.equals(EMAIL_DOMAIN)
                || kindText.equals("email_local") || kindText.equals("email_domain")) {
            String kind = kindText.replace('_', '-');
            String v = value.toLowerCase(Locale.ROOT);
            if (v.indexOf('@') >= 0 || Text.isBlank(v) || v.chars().anyMatch(c -> Text.isSpace((char) c))) {
                throw new IllegalArgumentException(kind + " must be a bare " + (kind.equals(EMAIL_LOCAL)
                        ? "local part (no @), e.g. email-local:sinmail" : "domain (no @), e.g. email-domain:test.com"));
            }
            return kind + ":" + v;
        }
        FieldKind kind;
        try {
            kind = FieldKind.parse(kindText);
        } catch (IdemException e) {
            throw new IllegalArgumentException("unknown kind '" + kindText + "'; expected an identifier kind "
                    + "(email, phone, document, loyalty_id, customer_id, device_id, social_id), email-local, email-domain or name");
        }
        if (!kind.isIdentifier()) {
            throw new IllegalArgumentException("'" + kindText + "' is not an identifier kind");
        }
        String v = switch (kind) {
            case EMAIL, DEVICE_ID -> Text.collapse(value).toLowerCase(Locale.ROOT);
            case LOYALTY_ID, CUSTOMER_ID -> Text.collapse(value).toUpperCase(Locale.ROOT);
            case DOCUMENT -> value.replaceAll("[.\\-/\\s]", "").toUpperCase(Locale.ROOT);
            case PHONE -> value.replaceAll("[\\s().\\-]", "");
            default -> Text.collapse(value);
        };
        if (v.isEmpty()) {
            throw new IllegalArgumentException("empty value");
        }
        return kind.key() + ":" + v;
    }
}
