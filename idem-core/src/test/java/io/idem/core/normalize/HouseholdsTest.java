package io.idem.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HouseholdsTest {
    @ParameterizedTest
    @CsvSource({
        "flia.veron@yahoo.com.ar, true",
        "fliaveron21@gmail.com, true",
        "familiaveron@hotmail.com, true",
        "veron.familia@gmail.com, true",
        "familia_perez_gomez@live.com.ar, true",
        "family.smith@gmail.com, true",
        "fam.smith@gmail.com, true",
        "email:flia.nunez@hotmail.com, true",
        // a person's own address, or a family word with no name
        "guadaveron@gmail.com, false",
        "familia@gmail.com, false",
        "flia12@gmail.com, false",
        "famoso.juan@gmail.com, false",
        "casasjuan@gmail.com, false",
        "ofelia.perez@gmail.com, false",
        "not-an-address, false",
    })
    void familyAddresses(String email, boolean family) {
        assertThat(Households.isFamilyAddress(email)).isEqualTo(family);
    }
}
