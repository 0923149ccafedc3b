package io.idem.core.generate;

/**
 * One synthetic real customer: the ground truth every channel row is derived from. Mutable only while
 * {@link Generator} builds the population; read-only afterwards.
 */
final class Person {
    /** 0-based position; the truth id is {@code p} + (index + 1) zero-padded. */
    final int index;
    final Household household;

    String first;
    /** Full surname as written, e.g. "Fernández" or "Fernández López". */
    String last;
    /** The first (paternal) surname, the one e-mails are made from. */
    String surnameForEmail;
    char gender;
    int birthDay;
    int dni;
    /** Own e-mail; {@code null} when the person has none (then they may use the household's). */
    String email;
    /** A second address the person also owns, or {@code null}. */
    String altEmail;
    /** 10-digit national mobile number (area + subscriber), current. */
    String mobile;
    /** Previous mobile when the person changed number, else {@code null}. */
    String oldMobile;
    /** Epoch day from which {@link #mobile} is used; before it, {@link #oldMobile}. */
    int changeDay;
    int mobileAreaLen;
    String street;
    int streetNumber;
    String unit;
    String city;
    String postcode;
    /** Loyalty numbers (0 = none); the second one exists when the person registered twice. */
    int loyalty;
    int loyalty2;

    byte ecommerce;
    byte contest;
    byte store;
    byte loyaltyRows;
    byte device0Events;
    byte device1Events;
    boolean device0Anonymous;
    boolean device1Anonymous;
    byte calls;
    /** The channel (see {@link Channels}) where the alternative e-mail is guaranteed to show, or -1. */
    int altAnchor = -1;

    Person(int index, Household household) {
        this.index = index;
        this.household = household;
    }

    /** The mobile in use on an epoch day. */
    String mobileAt(int day) {
        return oldMobile != null && day < changeDay ? oldMobile : mobile;
    }

    int appEvents() {
        return device0Events + device1Events;
    }

    /**
     * App events on the person's own devices, which log in at least once; a device flagged anonymous
     * never logs in and is an anonymous visitor's in the truth (its events are generated here, with
     * this person's random streams, so the data keeps the same share of anonymous events).
     */
    int ownAppEvents() {
        return (device0Anonymous ? 0 : device0Events) + (device1Anonymous ? 0 : device1Events);
    }
}
