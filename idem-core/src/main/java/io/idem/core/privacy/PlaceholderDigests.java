package io.idem.core.privacy;

import io.idem.core.model.FieldKind;
import io.idem.core.model.Identifier;
import io.idem.core.normalize.Placeholders;
import java.util.ArrayList;
import java.util.List;

/**
 * Placeholder values a partner may have hashed ({@code test@test.com}, {@code 0000000000},
 * {@code sinmail@gmail.com}...). A digest cannot be checked against the blocklist, so the common
 * written forms are enumerated, kept when the blocklist calls them placeholders, and put in the
 * digest index: such a digest then becomes the placeholder value itself, which never links anyone.
 * Best effort: a placeholder written in a form not enumerated here (an unusual domain, another
 * country's phone prefix) stays an unknown digest.
 */
public final class PlaceholderDigests {
    private static final List<String> DOMAINS = List.of("gmail.com", "hotmail.com", "yahoo.com", "outlook.com",
            "live.com", "icloud.com", "yahoo.com.ar", "hotmail.com.ar", "live.com.ar", "gmail.com.ar");

    private PlaceholderDigests() {
    }

    /** Placeholder identifier keys ({@code kind:value}) in the forms partners are likely to hash. */
    public static List<String> candidates(Placeholders placeholders) {
        List<String> raw = new ArrayList<>();
        for (String entry : placeholders.entries()) {
            int colon = entry.indexOf(':');
            String kind = entry.substring(0, colon);
            String value = entry.substring(colon + 1);
            if (kind.equals("email-local")) {
                DOMAINS.forEach(d -> raw.add("email:" + value + "@" + d));
            } else if (!kind.startsWith("email-") && !kind.equals("name")) { // a name is no identifier
                raw.add(entry); // a whole domain of placeholders cannot be enumerated
            }
        }
        for (char c : "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray()) {
            for (int n = 1; n <= 8; n++) {
                String local = String.valueOf(c).repeat(n);
                DOMAINS.forEach(d -> raw.add("email:" + local + "@" + d));
            }
        }
        List<String> bodies = new ArrayList<>();
        for (char d = '0'; d <= '9'; d++) {
            for (int n = 6; n <= 11; n++) {
                bodies.add(String.valueOf(d).repeat(n));
            }
        }
        for (String run : List.of("0123456789", "1234567890", "9876543210", "0987654321")) {
            for (int n = 6; n <= run.length(); n++) {
                bodies.add(run.substring(0, n));
            }
        }
        for (String b : bodies) {
            raw.add("document:" + b);
            raw.add("phone:+54" + b);
            raw.add("phone:+549" + b);
            raw.add("phone:+5411" + b);
            raw.add("phone:+54911" + b);
        }
        List<String> out = new ArrayList<>();
        for (String key : raw) {
            int colon = key.indexOf(':');
            FieldKind kind = FieldKind.parse(key.substring(0, colon));
            if (HashedInput.KINDS.contains(kind)
                    && placeholders.reason(new Identifier(kind, key.substring(colon + 1))) != null) {
                out.add(key);
            }
        }
        return out;
    }
}
