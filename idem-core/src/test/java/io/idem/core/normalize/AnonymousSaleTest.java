package io.idem.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.idem.core.model.Field;
import io.idem.core.model.FieldKind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnonymousSaleTest {
    private static final Normalizers N = new Normalizers("AR");

    @ParameterizedTest
    @ValueSource(strings = {"CONSUMIDOR FINAL", "Consumidor  Final", "consumidor final ", "Cliente Mostrador",
            "CLIENTE", "Sin Nombre", "N N", "nn", "Anónimo", "Público en General", "VARIOS"})
    void namesMeaningNoOne(String name) {
        assertThat(AnonymousSale.isPlaceholderName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Juan Cliente", "Ana Paz", "Clienta", "Final Consumidor", "Nicolás", "Consumidor Final SRL",
            "N", ""})
    void namesOfSomeone(String name) {
        assertThat(AnonymousSale.isPlaceholderName(name)).isFalse();
    }

    @Test
    void anAnonymousSaleKeepsItsValuesButItsNameAndContactsDoNotLink() {
        List<Field> fields = List.of(N.field("nombre", FieldKind.FIRST_NAME, "CONSUMIDOR"),
                N.field("apellido", FieldKind.LAST_NAME, "FINAL"),
                N.field("telefono", FieldKind.PHONE, "0341 425-1234"),
                N.field("correo", FieldKind.EMAIL, "ventas@tienda.com.ar"),
                N.field("dni", FieldKind.DOCUMENT, "30.123.456"),
                N.field("monto", FieldKind.AMOUNT, "1200"));
        List<Field> marked = AnonymousSale.mark(fields);
        assertThat(marked).extracting(Field::raw).containsExactly("CONSUMIDOR", "FINAL", "0341 425-1234",
                "ventas@tienda.com.ar", "30.123.456", "1200");
        assertThat(marked).extracting(Field::valid).containsExactly(false, false, false, false, true, true);
        assertThat(marked.get(0).problem()).contains("anonymous sale");
        assertThat(marked.get(2).problem()).contains("not used to link");
        // someone's name: nothing changes
        List<Field> someone = List.of(N.field("nombre", FieldKind.FULL_NAME, "Ana Paz"),
                N.field("telefono", FieldKind.PHONE, "0341 425-1234"));
        assertThat(AnonymousSale.mark(someone)).isSameAs(someone);
    }
}
