package io.idem.core.generate;

/** Several people living together who may share one e-mail and/or one fixed line. */
final class Household {
    final int area;
    /** Shared e-mail ({@code null} if they do not share one). */
    String email;
    /** Shared fixed line, 10-digit national number, or {@code null}. */
    String landline;
    int landlineAreaLen;
    String surname;
    String street;
    int streetNumber;
    String unit;
    String city;
    String postcode;
    int headBirthYear;
    int size;

    Household(int area) {
        this.area = area;
    }
}
