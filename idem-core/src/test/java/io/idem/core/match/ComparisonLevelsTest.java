package io.idem.core.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every comparison level, as a table of value pairs and the level they agree at. */
class ComparisonLevelsTest {

    private static String[] tokens(String s) {
        return s == null ? new String[0] : s.split(" ");
    }

    @ParameterizedTest
    @CsvSource({
        "gonzalez, gonzalez, EXACT",
        "gonzales, gonzalez, PHONETIC",
        "villalba, vilalba, CLOSE",
        "villalva, villalba, PHONETIC",
        "jimenez, gimenez, PHONETIC",
        "quiroga, kiroga, PHONETIC",
        "yanina, llanina, PHONETIC",
        "hannagan, hannaan, CLOSE",
        "martinez, martines, PHONETIC",
        "catalina, catallina, CLOSE",
        "rodrigo, rodirgo, PHONETIC",
        "fernandez, fernanzed, CLOSE",
        "j, juan, INITIAL",
        "m, juan, DIFFERENT",
        "pedro, pablo, DIFFERENT",
    })
    void nameTokens(String a, String b, Level level) {
        assertThat(Comparators.token(a, b)).isEqualTo(level);
        assertThat(Comparators.token(b, a)).isEqualTo(level);
    }

    @ParameterizedTest
    @CsvSource({
        "juan martin, juan martin, EXACT",
        "juan, juan martin, PARTIAL",
        "maria laura, maria jose, DIFFERENT",
        "garcia lopez, garcia, PARTIAL",
        "juan pablo, j, INITIAL",
        "gonzales, gonzalez, PHONETIC",
        ", juan, MISSING",
    })
    void compoundNames(String a, String b, Level level) {
        assertThat(Comparators.tokens(tokens(a), tokens(b))).isEqualTo(level);
        assertThat(Comparators.tokens(tokens(b), tokens(a))).isEqualTo(level);
    }

    @ParameterizedTest
    @CsvSource({
        "1984-03-02, 1984-03-02, EXACT",
        "1984-03-02, 1984-02-03, SWAPPED",
        "1984-03-02, 1985-03-02, ONE_OFF",
        "1984-03-02, 1984-04-02, ONE_OFF",
        "1984-03-02, 1984-03-12, ONE_OFF",
        "1984-03-02, 1990-07-02, DIFFERENT",
        "1984-03-02, 1984-05-20, NEAR",
        "1984-12-30, 1985-01-02, NEAR",
        "1984-03-02, 1985-04-05, DIFFERENT",
        "1984-02-28, 1985-02-27, NEAR",
        "1984-02-28, 1985-03-01, DIFFERENT",
        "1984-02-30, 1984-03-20, TWO_DIGITS",
        "1984-0a-02, 1984-05-20, DIFFERENT",
        "1984/03/02, 1984-05-20, DIFFERENT",
        "1974-10-05, 1984-10-03, TWO_DIGITS",
        "2017-05-03, 2007-05-06, TWO_DIGITS",
        "1984-03-02, , MISSING",
    })
    void birthDates(String a, String b, Level level) {
        assertThat(Comparators.date(a, b)).isEqualTo(level);
        assertThat(Comparators.date(b, a)).isEqualTo(level);
    }

    @ParameterizedTest
    @CsvSource({
        "30123456, 30123456, EXACT",
        "30123456, 30123465, ONE_EDIT",
        "30123456, 30128456, ONE_EDIT",
        "30123456, 3012345, ONE_EDIT",
        "30123456, 28765432, DIFFERENT",
        "30123456, , MISSING",
    })
    void documents(String a, String b, Level level) {
        assertThat(Comparators.documents(tokens(a), tokens(b))).isEqualTo(level);
        assertThat(Comparators.documents(tokens(b), tokens(a))).isEqualTo(level);
    }

    @ParameterizedTest
    @CsvSource({
        "+5491141234567, +5491141234567, EXACT",
        "+5491141234567, +541141234567, SAME_NUMBER",
        "+5491141234567, +5493514123456, DIFFERENT",
        "+5491141234567, , MISSING",
    })
    void phones(String a, String b, Level level) {
        assertThat(Comparators.phones(tokens(a), tokens(b))).isEqualTo(level);
        assertThat(Comparators.phones(tokens(b), tokens(a))).isEqualTo(level);
    }

    @ParameterizedTest
    @CsvSource({
        "ana.diaz@gmail.com, ana.diaz@gmail.com, EXACT",
        "ana.diaz@gmail.com, ana.diaz@hotmail.com, SAME_LOCAL",
        "ana.diaz@gmail.com, ana.dias@gmail.com, ONE_EDIT",
        "ana.diaz@gmail.com, anadiaz@gmail.com, DIFFERENT",
        "ana.diaz@gmail.com, ana.diaz1@gmail.com, DIFFERENT",
        "ana.diaz@gmail.com, jperez@gmail.com, DIFFERENT",
        "fb@reese.com, fb@reose.cem, CLOSE",
        "ana.diaz@gmail.com, ana.dias@gmaul.com, CLOSE",
        "ana.diaz@gmail.com, anadias@gmail.com, DIFFERENT",
        "ana.diaz2@gmail.com, ana.dias3@gmail.com, DIFFERENT",
        "ar20@miller-torres.org, ar20@miller-t2orres.org, ONE_EDIT",
        "isaac.james@smith.com, isaac.james@smich.tom, CLOSE",
        "ana.diaz@gmail.com, ana.diaz@yahoo.com.ar, SAME_LOCAL",
        "ana.diaz@gmail.com, , MISSING",
    })
    void emails(String a, String b, Level level) {
        assertThat(Comparators.emails(tokens(a), tokens(b))).isEqualTo(level);
        assertThat(Comparators.emails(tokens(b), tokens(a))).isEqualTo(level);
    }

    /** Emails compared with their owners' names (tokens separated by spaces; "-" for none). */
    @ParameterizedTest
    @CsvSource({
        // the name says it all: namesakes have such addresses as often as one person
        "maria_gonzalez@gmail.com, maria gonzalez, maria_gonzalez@hotmail.com, maria gonzalez, SPELLED",
        "maria.gonzalez@gmail.com, maria gonzalez, maria.gonzalez@hotmail.com, maria gonzalez, SPELLED",
        "mgonzalez@gmail.com, maria gonzalez, mgonzalez@yahoo.com.ar, maria gonzalez, SPELLED",
        "mariadelcarmen.paz@gmail.com, maria carmen paz, mariadelcarmen.paz@live.com, maria carmen paz, SPELLED",
        // the typo mirrors the surnames' own difference, which the surnames have counted
        "juan.gonzalez@gmail.com, juan gonzalez, juan.gonzales@gmail.com, juan gonzales, SPELLED",
        // equal, or the same address with a typo in the domain: as before
        "maria.gonzalez@gmail.com, maria gonzalez, maria.gonzalez@gmail.com, maria gonzalez, EXACT",
        "maria.gonzalez@gmail.com, maria gonzalez, maria.gonzalez@gmial.com, maria gonzalez, ONE_EDIT",
        // something beyond the name: digits, another word, a typo the name does not have
        "mgonzalez78@gmail.com, maria gonzalez, mgonzalez78@hotmail.com, maria gonzalez, SAME_LOCAL",
        "lagata.maria@gmail.com, maria gonzalez, lagata.maria@hotmail.com, maria gonzalez, SAME_LOCAL",
        "mgonzalez@gmail.com, maria gonzalez, mgonzales@gmail.com, maria gonzalez, ONE_EDIT",
        // a separator apart is different, as before
        "maria.gonzalez@gmail.com, maria gonzalez, mariagonzalez@hotmail.com, maria gonzalez, DIFFERENT",
        // no name on one side: the email is all the evidence there is
        "maria.gonzalez@gmail.com, maria gonzalez, maria.gonzalez@hotmail.com, -, SAME_LOCAL",
        // an initial that is not the name's
        "xgonzalez@gmail.com, maria gonzalez, xgonzalez@hotmail.com, maria gonzalez, SAME_LOCAL",
    })
    void emailsWithNames(String a, String aName, String b, String bName, Level level) {
        String[] an = aName.equals("-") ? new String[0] : aName.split(" ");
        String[] bn = bName.equals("-") ? new String[0] : bName.split(" ");
        assertThat(Comparators.emails(tokens(a), an, tokens(b), bn)).isEqualTo(level);
        assertThat(Comparators.emails(tokens(b), bn, tokens(a), an)).isEqualTo(level);
    }

    @ParameterizedTest
    @CsvSource({
        "av corrientes 1234, av corrientes 1234, EXACT",
        "av corrientes 1234, av corrientes 1234 pb 2, CLOSE",
        "av corrientes 1234, av corientes 1234, CLOSE",
        "av corrientes 1234, av corrientes 1243, SIMILAR",
        "av corrientes 1234, defensa 250, DIFFERENT",
        "av corrientes 1234, , MISSING",
    })
    void addresses(String a, String b, Level level) {
        assertThat(Comparators.address(a, b)).isEqualTo(level);
        assertThat(Comparators.address(b, a)).isEqualTo(level);
    }

    @ParameterizedTest
    @CsvSource({
        "1414, 1414, EXACT",
        "C1414ABC, 1414, EXACT",
        "2000, 2001, ONE_EDIT",
        "2000, 5500, DIFFERENT",
        "2000, , MISSING",
    })
    void postcodes(String a, String b, Level level) {
        assertThat(Comparators.postcode(a, b)).isEqualTo(level);
        assertThat(Comparators.postcode(b, a)).isEqualTo(level);
    }

    @ParameterizedTest
    @CsvSource({
        "rosario, rosario, EXACT",
        "capital federal, caba, EXACT",
        "rosario, rosaro, CLOSE",
        "london, lodon, CLOSE",
        "lonndon, lodon, SIMILAR",
        "rosario, cordoba, DIFFERENT",
        "rosario, , MISSING",
    })
    void cities(String a, String b, Level level) {
        assertThat(Comparators.city(a, b)).isEqualTo(level);
        assertThat(Comparators.city(b, a)).isEqualTo(level);
    }

    @ParameterizedTest
    @CsvSource({
        "gonzalez, GNSLS",
        "gonzales, GNSLS",
        "villalba, BYLB",
        "villalva, BYLB",
        "jimenez, JMNS",
        "gimenez, JMNS",
        "quiroga, KRG",
        "kiroga, KRG",
        "chavez, XBS",
        "hernandez, ARNNDS",
    })
    void spanishPhoneticCodes(String name, String code) {
        assertThat(Phonetic.code(name)).isEqualTo(code);
    }

    @ParameterizedTest
    @CsvSource({
        "martha, marhta, 0.961",
        "dwayne, duane, 0.84",
        "dixon, dicksonx, 0.813",
        "abc, abc, 1.0",
        "abc, xyz, 0.0",
    })
    void jaroWinkler(String a, String b, double expected) {
        assertThat(Similarity.jaroWinkler(a, b)).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.001));
    }

    @ParameterizedTest
    @CsvSource({
        "abcd, abcd, false",
        "abcd, abed, true",
        "abcd, abdc, true",
        "abcd, abc, true",
        "abcd, xabcd, true",
        "abcd, badc, false",
        "abcd, ab, false",
    })
    void oneEdit(String a, String b, boolean expected) {
        assertThat(Similarity.oneEdit(a, b)).isEqualTo(expected);
        assertThat(Similarity.oneEdit(b, a)).isEqualTo(expected);
    }
}
