package io.idem.core.match;

/**
 * Default Fellegi-Sunter {@code m} (probability of the level among true matches) and {@code u}
 * (among non-matches) per field and level. The weight of a level is {@code log2(m / u)}. For exact
 * agreements on names, postcode and city, {@code u} is the value's share in the data when known,
 * bounded to [{@link #MIN_U}, {@link #MAX_U}].
 *
 * <p>The {@code m} here are what a scorer uses before the data has been seen, and the prior that
 * {@link MEstimator} smooths its estimate towards; {@code u} is always used as given (see
 * {@link MatchWeights}).
 */
final class Weights {
    static final double MIN_U = 1e-4;
    static final double MAX_U = 0.2;

    private Weights() {
    }

    /** {m, u} of a level; {@code null} when the level does not apply to the field. */
    static double[] mu(MatchField field, Level level) {
        return switch (field) {
            case GIVEN_NAME -> switch (level) {
                case EXACT -> pair(0.90, 0.02);
                case PHONETIC -> pair(0.04, 0.003);
                case CLOSE -> pair(0.03, 0.003);
                case SIMILAR -> pair(0.01, 0.01);
                case PARTIAL -> pair(0.04, 0.01);
                case INITIAL -> pair(0.01, 0.03);
                case DIFFERENT -> pair(0.02, 0.95);
                default -> null;
            };
            case FAMILY_NAME -> switch (level) {
                case EXACT -> pair(0.90, 0.01);
                case PHONETIC -> pair(0.04, 0.001);
                case CLOSE -> pair(0.03, 0.001);
                case SIMILAR -> pair(0.01, 0.005);
                case PARTIAL -> pair(0.04, 0.005);
                case INITIAL -> pair(0.005, 0.03);
                case DIFFERENT -> pair(0.02, 0.97);
                default -> null;
            };
            case BIRTH_DATE -> switch (level) {
                case EXACT -> pair(0.90, 5e-5);
                case SWAPPED -> pair(0.01, 5e-5);
                case ONE_OFF -> pair(0.05, 0.002);
                // less than a year apart: about 1 in 40 random pairs of adults (birth years spread
                // over some 60 years); among one person's records as rare as that by default (0 bits),
                // EM says how common roughly remembered dates are in the data at hand
                case NEAR -> pair(0.025, 0.025);
                // two digits typed wrong, more than a year apart: about 1 in 50 random pairs agree on
                // all but two of the digits (most agree on the century and the first digits of month
                // and day); neutral by default (0 bits), EM says how common such typos are in the data
                case TWO_DIGITS -> pair(0.02, 0.02);
                case DIFFERENT -> pair(0.02, 0.97);
                default -> null;
            };
            case DOCUMENT -> switch (level) {
                case EXACT -> pair(0.95, 1e-7);
                case ONE_EDIT -> pair(0.03, 2e-6);
                case DIFFERENT -> pair(0.002, 0.999);
                default -> null;
            };
            case PHONE -> switch (level) {
                case EXACT -> pair(0.60, 1e-6);
                case SHARED -> pair(0.60, 0.15);
                case SAME_NUMBER -> pair(0.05, 1e-5);
                case DIFFERENT -> pair(0.30, 0.99);
                default -> null;
            };
            case EMAIL -> switch (level) {
                case EXACT -> pair(0.60, 1e-6);
                case SHARED -> pair(0.60, 0.15);
                // addresses are made from names: namesakes often differ by a dot, a digit or the domain
                case SAME_LOCAL -> pair(0.03, 0.005);
                case ONE_EDIT -> pair(0.03, 1e-4);
                // two letter typos (same digits): rarer between namesakes than one, rarer still by chance
                case CLOSE -> pair(0.01, 1e-4);
                // a name-made address at another domain or with the name's own typo: among pairs
                // whose names agree, namesakes do that as often as one person; neutral by default
                case SPELLED -> pair(0.03, 0.03);
                case DIFFERENT -> pair(0.35, 0.99);
                default -> null;
            };
            case ADDRESS -> switch (level) {
                case EXACT -> pair(0.60, 2e-4);
                case CLOSE -> pair(0.20, 1e-3);
                case SIMILAR -> pair(0.05, 0.01);
                case DIFFERENT -> pair(0.15, 0.99);
                default -> null;
            };
            case POSTCODE -> switch (level) {
                case EXACT -> pair(0.85, 0.002);
                case ONE_EDIT -> pair(0.04, 0.02);
                case DIFFERENT -> pair(0.10, 0.99);
                default -> null;
            };
            case CITY -> switch (level) {
                case EXACT -> pair(0.85, 0.005);
                case CLOSE -> pair(0.05, 0.005);
                // two typos (lonndon / lodon); city names that close by chance are rare, by default
                // about as rare among one person's records (+1 bit), EM estimates it
                case SIMILAR -> pair(0.01, 0.005);
                case DIFFERENT -> pair(0.10, 0.98);
                default -> null;
            };
            case GENDER -> switch (level) {
                case EXACT -> pair(0.97, 0.5);
                case DIFFERENT -> pair(0.03, 0.5);
                default -> null;
            };
        };
    }

    static boolean usesShare(MatchField field, Level level) {
        return (level == Level.EXACT || level == Level.PARTIAL) && (field == MatchField.GIVEN_NAME
                || field == MatchField.FAMILY_NAME || field == MatchField.POSTCODE || field == MatchField.CITY);
    }

    private static double[] pair(double m, double u) {
        return new double[] {m, u};
    }
}
