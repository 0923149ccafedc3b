package io.idem.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idem.core.IdemException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextDecoderTest {
    private static final Charset CP1252 = Charset.forName("windows-1252");

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof byte[] b) {
                out.writeBytes(b);
            } else {
                out.writeBytes(((String) p).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static String readAll(Reader r) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[7]; // small on purpose: lines are handed out in pieces
        for (int n; (n = r.read(buf, 0, buf.length)) >= 0; ) {
            sb.append(buf, 0, n);
        }
        return sb.toString();
    }

    private static List<String[]> rows(TextDecoder.Lenient text) {
        List<String[]> out = new ArrayList<>();
        try (CsvReader csv = new CsvReader(text)) {
            out.add(csv.header());
            for (CsvReader.Row row; (row = csv.next()) != null; ) {
                out.add(row.fields());
            }
        }
        return out;
    }

    @Test
    void utf8IsReadAsItIs() throws IOException {
        byte[] in = bytes("nombre;apellido\r\nMónica;NÚÑEZ\r\nJosé;Pérez\n");
        TextDecoder.Lenient text = TextDecoder.open(new ByteArrayInputStream(in), null);
        assertThat(readAll(text)).isEqualTo("nombre;apellido\r\nMónica;NÚÑEZ\r\nJosé;Pérez\n");
        assertThat(text.fallbackLines()).isZero();
        assertThat(text.encoding()).isEqualTo("auto");
    }

    @Test
    void aSpreadsheetsWindows1252FileKeepsItsLetters() {
        byte[] in = "nombre;apellido;email\r\nMónica;Núñez;m@x.com\r\nAna;García;\r\nJuan;Paz;j@x.com\r\n".getBytes(CP1252);
        TextDecoder.Lenient text = TextDecoder.open(new ByteArrayInputStream(in), "auto");
        List<String[]> rows = rows(text);
        assertThat(rows.get(1)).containsExactly("Mónica", "Núñez", "m@x.com");
        assertThat(rows.get(2)).containsExactly("Ana", "García", "");
        assertThat(rows.get(3)).containsExactly("Juan", "Paz", "j@x.com");
        assertThat(text.fallbackLines()).isEqualTo(2);
        assertThat(text.firstFallbackLine()).isEqualTo(2);
    }

    @Test
    void eachLineOfAMixedFileIsReadInItsOwnEncoding() {
        byte[] in = bytes("\uFEFFnombre,nota\n", "José,“ok”\n", "María,Ñandú – sí\n".getBytes(CP1252),
                "\"Peña\nSegunda\",línea\n");
        TextDecoder.Lenient text = TextDecoder.open(new ByteArrayInputStream(in), null);
        List<String[]> rows = rows(text);
        assertThat(rows.get(0)).containsExactly("nombre", "nota");
        assertThat(rows.get(1)).containsExactly("José", "“ok”");
        assertThat(rows.get(2)).containsExactly("María", "Ñandú – sí");
        assertThat(rows.get(3)).containsExactly("Peña\nSegunda", "línea");
        assertThat(text.fallbackLines()).isEqualTo(1);
        assertThat(text.firstFallbackLine()).isEqualTo(3);
    }

    @Test
    void aCharacterAcrossTheReadBufferIsNotSplit() throws IOException {
        // lines far longer than the 64 KiB buffer, two-byte letters at every offset of its edge
        String longLine = "ñ".repeat(40_000) + "a" + "é".repeat(40_000);
        byte[] in = bytes(longLine, "\n", "x", longLine);
        TextDecoder.Lenient text = TextDecoder.open(new ByteArrayInputStream(in), null);
        assertThat(readAll(text)).isEqualTo(longLine + "\nx" + longLine);
        assertThat(text.fallbackLines()).isZero();
    }

    @Test
    void aUtf16FileIsKnownByItsByteOrderMark() throws IOException {
        byte[] le = "\uFEFFnombre\nMónica\n".getBytes(StandardCharsets.UTF_16LE);
        TextDecoder.Lenient text = TextDecoder.open(new ByteArrayInputStream(le), null);
        assertThat(readAll(text)).isEqualTo("nombre\nMónica\n"); // the decoder drops the mark
        assertThat(text.encoding()).isEqualTo("UTF-16");
        byte[] be = "\uFEFFnombre\nNúñez".getBytes(StandardCharsets.UTF_16BE);
        assertThat(readAll(TextDecoder.open(new ByteArrayInputStream(be), null))).isEqualTo("nombre\nNúñez");
    }

    @Test
    void aGivenEncodingReadsTheWholeFile() throws IOException {
        // ISO-8859-15 has the euro sign where ISO-8859-1 has the currency sign
        byte[] in = "nombre;monto\nMónica;100 €\n".getBytes(Charset.forName("ISO-8859-15"));
        TextDecoder.Lenient text = TextDecoder.open(new ByteArrayInputStream(in), "iso-8859-15");
        assertThat(readAll(text)).isEqualTo("nombre;monto\nMónica;100 €\n");
        assertThat(text.encoding()).isEqualTo("ISO-8859-15");
        // UTF-8 given: no fallback, a byte that is not UTF-8 is replaced
        byte[] latin = "Mónica\n".getBytes(CP1252);
        assertThat(readAll(TextDecoder.open(new ByteArrayInputStream(latin), "utf-8"))).isEqualTo("M\uFFFDnica\n");
    }

    @Test
    void anUnknownEncodingIsAClearError() {
        assertThatThrownBy(() -> TextDecoder.charset("latin-9000"))
                .isInstanceOf(IdemException.InvalidInput.class)
                .hasMessageContaining("--encoding 'latin-9000'")
                .hasMessageContaining("windows-1252");
        assertThat(TextDecoder.charset("AUTO")).isNull();
        assertThat(TextDecoder.charset("latin1")).isEqualTo(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aBinaryFileIsSaidToBeOneNotReadAsText() {
        byte[] pdfish = bytes("%PDF-1.4\n", new byte[] {1, 0, 2, 0, 3}, "\n");
        assertThatThrownBy(() -> readAll(TextDecoder.open(new ByteArrayInputStream(pdfish), null)))
                .isInstanceOf(IOException.class).hasMessageContaining("line 2 holds NUL bytes: not a text file");
        byte[] xls = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        assertThatThrownBy(() -> readAll(TextDecoder.open(new ByteArrayInputStream(xls), null)))
                .isInstanceOf(IOException.class).hasMessageContaining("Excel 97-2003 workbook (.xls)");
        // UTF-16 without its mark is told apart from text only by its NULs; named, it reads
        byte[] le = "nombre\nAna\n".getBytes(StandardCharsets.UTF_16LE);
        assertThatThrownBy(() -> readAll(TextDecoder.open(new ByteArrayInputStream(le), null)))
                .hasMessageContaining("--encoding UTF-16LE");
    }

    @Test
    void linesEndedByCarriageReturnsAloneAreLines() {
        // Excel for Mac's "CSV (Macintosh)", in its own single-byte encoding
        byte[] mac = "nombre;dni\rMónica;30123456\r\"Paz,\rAna\";20111222\r".getBytes(CP1252);
        List<String[]> rows = rows(TextDecoder.open(new ByteArrayInputStream(mac), null));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).containsExactly("Mónica", "30123456");
        assertThat(rows.get(2)).containsExactly("Paz,\nAna", "20111222");
        // a CRLF file is not one: its CRs stay the line ends' own
        byte[] crlf = "nombre;dni\r\nAna;1\r\n".getBytes(StandardCharsets.UTF_8);
        assertThat(rows(TextDecoder.open(new ByteArrayInputStream(crlf), null))).hasSize(2);
    }

    @Test
    void anEmptyFileReadsAsNothing() throws IOException {
        assertThat(readAll(TextDecoder.open(new ByteArrayInputStream(new byte[0]), null))).isEmpty();
    }
}
