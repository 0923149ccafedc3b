package io.idem.core.model;

import io.idem.core.IdemException;
import java.util.Locale;

/** What a column of a source means. Identifiers link records; the rest describe the person or an event. */
public enum FieldKind {
    EMAIL(Group.IDENTIFIER),
    PHONE(Group.IDENTIFIER),
    DOCUMENT(Group.IDENTIFIER),
    LOYALTY_ID(Group.IDENTIFIER),
    CUSTOMER_ID(Group.IDENTIFIER),
    DEVICE_ID(Group.IDENTIFIER),
    SOCIAL_ID(Group.IDENTIFIER),
    FIRST_NAME(Group.PERSON),
    LAST_NAME(Group.PERSON),
    FULL_NAME(Group.PERSON),
    BIRTH_DATE(Group.PERSON),
    GENDER(Group.PERSON),
    ADDRESS(Group.PERSON),
    STREET_NUMBER(Group.PERSON),
    CITY(Group.PERSON),
    POSTCODE(Group.PERSON),
    REGION(Group.PERSON),
    COUNTRY(Group.PERSON),
    /** Marketing consent for the record's email address: opt_in or opt_out. */
    CONSENT_EMAIL(Group.CONSENT),
    /** Consent for SMS to the record's phone. */
    CONSENT_SMS(Group.CONSENT),
    /** Consent for WhatsApp to the record's phone. */
    CONSENT_WHATSAPP(Group.CONSENT),
    /** Consent for push notifications to the record's device. */
    CONSENT_PUSH(Group.CONSENT),
    EVENT(Group.EVENT),
    TIMESTAMP(Group.EVENT),
    AMOUNT(Group.EVENT),
    /** Any other column: kept as received, never used to match. */
    ATTRIBUTE(Group.OTHER),
    /** A column the user asked to drop. */
    IGNORE(Group.OTHER);

    public enum Group { IDENTIFIER, PERSON, CONSENT, EVENT, OTHER }

    private final Group group;
    private final String key;

    FieldKind(Group group) {
        this.group = group;
        this.key = name().toLowerCase(Locale.ROOT);
    }

    public Group group() {
        return group;
    }

    public boolean isIdentifier() {
        return group == Group.IDENTIFIER;
    }

    /** The lower-case name used in CSV, JSON and on the command line, e.g. {@code loyalty_id}. */
    public String key() {
        return key;
    }

    private static final java.util.Map<String, FieldKind> BY_KEY = new java.util.HashMap<>();

    static {
        for (FieldKind k : values()) {
            BY_KEY.put(k.key(), k);
        }
    }

    public static FieldKind parse(String text) {
        FieldKind fast = BY_KEY.get(text);
        if (fast != null) {
            return fast;
        }
        String k = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (FieldKind kind : values()) {
            if (kind.name().equals(k)) {
                return kind;
            }
        }
        throw new IdemException.InvalidInput("unknown field kind '" + text + "'; expected one of "
                + java.util.Arrays.stream(values()).map(FieldKind::key).toList());
    }
}
