package io.idem.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.idem.core.model.Field;
import io.idem.core.model.FieldKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The stored text form of fields, and its UTF-8 bytes written directly. */
class RecordCodecTest {
    /** ASCII, the codec's control characters, Latin-1, three-byte characters, a pair and lone surrogates. */
    private static final String[] PIECES = {"a", "Z", "7", "@", " ", "\u001F", "\u001E", "\u001B", "\u0000", "ñ", "Ú",
        "€", "中", "\uD83D\uDE00", "\uD83D", "\uDE00", "mónica núñez", "+54 9 11 4123-4567"};

    private static String randomText(Random rnd) {
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(6);
        for (int i = 0; i < n; i++) {
            sb.append(PIECES[rnd.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    private static List<Field> randomFields(Random rnd) {
        List<Field> fields = new ArrayList<>();
        FieldKind[] kinds = FieldKind.values();
        int n = rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
            fields.add(new Field(randomText(rnd), kinds[rnd.nextInt(kinds.length)], randomText(rnd),
                    rnd.nextBoolean() ? null : randomText(rnd), rnd.nextInt(3) == 0 ? randomText(rnd) : null));
        }
        return fields;
    }

    @Test
    void directBytesAreTheUtf8OfTheText() {
        Random rnd = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            List<Field> fields = randomFields(rnd);
            assertThat(RecordCodec.encodeUtf8(fields))
                    .as("fields %s", fields)
                    .isEqualTo(RecordCodec.encode(fields).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void encodedFieldsDecodeToThemselves() {
        Random rnd = new Random(11);
        for (int i = 0; i < 5_000; i++) {
            List<Field> fields = randomFields(rnd);
            String text = new String(RecordCodec.encodeUtf8(fields), StandardCharsets.UTF_8);
            if (text.indexOf('?') < 0) { // a lone surrogate is written as '?', as String.getBytes does
                assertThat(RecordCodec.decode(text)).as("fields %s", fields).isEqualTo(fields);
            }
        }
    }
}
