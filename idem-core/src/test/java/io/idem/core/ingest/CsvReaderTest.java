package io.idem.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idem.core.IdemException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    /** The header, then each row as its line number and fields joined by '|'. */
    private static List<String> read(String text) {
        List<String> out = new ArrayList<>();
        try (CsvReader csv = new CsvReader(new StringReader(text))) {
            out.add(String.join("|", csv.header()) + " [" + (csv.delimiter() == '\t' ? "tab" : csv.delimiter()) + "]");
            for (CsvReader.Row row; (row = csv.next()) != null; ) {
                out.add(row.line() + ": " + (row.error() != null ? "error " + row.error() : String.join("|", row.fields())));
            }
        }
        return out;
    }

    @Test
    void theDelimiterIsTheHeadersMostFrequentOutsideQuotes() {
        assertThat(read("email,nombre\na@x.com,Ana\n")).containsExactly("email|nombre [,]", "2: a@x.com|Ana");
        assertThat(read("email;\"nombre, apellido\";dni\na@x.com;\"Paz, Ana\";30123456\n"))
                .containsExactly("email|nombre, apellido|dni [;]", "2: a@x.com|Paz, Ana|30123456");
        // a spreadsheet's "text (tab delimited)" export
        assertThat(read("email\tnombre\tmonto\r\na@x.com\tAna María\t1.234,50\r\n"))
                .containsExactly("email|nombre|monto [tab]", "2: a@x.com|Ana María|1.234,50");
        assertThat(read("email|nombre\na@x.com| Ana \n")).containsExactly("email|nombre [|]", "2: a@x.com|Ana");
        assertThat(read("email\na@x.com\n")).containsExactly("email [,]", "2: a@x.com");
    }

    @Test
    void excelsSepLineGivesTheDelimiterAndRowsKeepTheirPhysicalLines() {
        assertThat(read("sep=;\nemail;nombre, apellido\na@x.com;Paz, Ana\nb@x.com\n"))
                .containsExactly("email|nombre, apellido [;]", "3: a@x.com|Paz, Ana", "4: b@x.com");
        assertThat(read("\uFEFFSEP=,\nemail,nombre\na@x.com,Ana\n")).containsExactly("email|nombre [,]", "3: a@x.com|Ana");
        assertThatThrownBy(() -> read("sep=;\n")).isInstanceOf(IdemException.InvalidInput.class)
                .hasMessageContaining("only a 'sep=' line");
        assertThatThrownBy(() -> read("sep=;\n\"email;nombre\n")).isInstanceOf(IdemException.InvalidInput.class)
                .hasMessageContaining("line 2 (header)");
    }

    @Test
    void aQuoteInsideAFieldIsACharacter() {
        assertThat(read("id,nombre,telefono\n1,Juan \"el Tano,011 4999-0000\n2,Eva,011 4888-1111\n"))
                .containsExactly("id|nombre|telefono [,]", "2: 1|Juan \"el Tano|011 4999-0000", "3: 2|Eva|011 4888-1111");
        assertThat(read("id,nombre\n1,Av. 9 de Julio 1234 \"B\"\n2,\"Paz, \"\"Ana\"\"\"\n"))
                .containsExactly("id|nombre [,]", "2: 1|Av. 9 de Julio 1234 \"B\"", "3: 2|Paz, \"Ana\"");
    }

    @Test
    void aFieldQuotedOverSeveralLinesIsOneRow() {
        assertThat(read("id,nota,telefono\n1,\"primera\nsegunda, con coma\ntercera\",011\n2,x,012\n"))
                .containsExactly("id|nota|telefono [,]", "2: 1|primera\nsegunda, con coma\ntercera|011", "5: 2|x|012");
    }

    @Test
    void aQuoteNeverClosedCostsItsOwnLineNotTheRestOfTheFile() {
        // closed by no line: the end of the file
        assertThat(read("id,nombre,telefono\n1,Ana,011\n2,\"Luis,012\n3,Eva,013\n4,Sol,014\n"))
                .containsExactly("id|nombre|telefono [,]", "2: 1|Ana|011", "3: error unterminated quoted field",
                        "4: 3|Eva|013", "5: 4|Sol|014");
        // "closed" by the quote that opens a later field: the lines between make no row
        assertThat(read("id,nombre,telefono\n1,\"Luis,012\n2,Eva,013\n3,\"Sol\",014\n4,Paz,015\n"))
                .containsExactly("id|nombre|telefono [,]", "2: error unterminated quoted field", "3: 2|Eva|013",
                        "4: 3|Sol|014", "5: 4|Paz|015");
        // joined, the lines make no row (text after a closing quote): each opening line alone
        assertThat(read("id,nombre\n1,\"Luis\n2,\"Eva\n3,Sol\n"))
                .containsExactly("id|nombre [,]", "2: error unterminated quoted field",
                        "3: error unterminated quoted field", "4: 3|Sol");
        // joined, a row with a field the header does not have
        assertThat(read("id,nombre\n1,\"Luis\n2,Eva\",x\n3,Sol\n"))
                .containsExactly("id|nombre [,]", "2: error unterminated quoted field", "3: 2|Eva\"|x", "4: 3|Sol");
    }

    @Test
    void aQuotedFieldRunsOnForAtMostAHundredLines() {
        StringBuilder ok = new StringBuilder("id,nota\n1,\"");
        StringBuilder tooLong = new StringBuilder("id,nota\n1,\"");
        // the opening line, then exactly as many more as a field may take
        for (int i = 0; i < CsvReader.MAX_CONTINUATION_LINES; i++) {
            ok.append("linea ").append(i).append('\n');
            tooLong.append("linea ").append(i).append('\n');
        }
        ok.append("fin\"\n2,x\n");
        tooLong.append("mas\nfin\"\n2,x\n");
        List<String> rows = read(ok.toString());
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).startsWith("2: 1|linea 0\nlinea 1").endsWith("fin");
        assertThat(rows.get(2)).isEqualTo((3 + CsvReader.MAX_CONTINUATION_LINES) + ": 2|x");
        assertThat(rows.get(1).split("\n")).hasSize(1 + CsvReader.MAX_CONTINUATION_LINES);
        rows = read(tooLong.toString());
        assertThat(rows.get(1)).isEqualTo("2: error unterminated quoted field");
        // the lines it would have taken are rows again (each a field short, for the import to reject)
        assertThat(rows.get(2)).isEqualTo("3: linea 1");
        assertThat(rows.get(rows.size() - 1)).isEqualTo((4 + CsvReader.MAX_CONTINUATION_LINES) + ": 2|x");
    }

    @Test
    void aLineTooLongToReadIsARejectedRowNotAnOutOfMemoryError() {
        String huge = "x".repeat(CsvReader.MAX_LINE_CHARS + 10);
        List<String> rows = read("id,nombre\n1,Ana\n2," + huge + "\n3,Luis\n4,\"abre\n5," + huge + "\n6,Sol\n");
        assertThat(rows).containsExactly("id|nombre [,]", "2: 1|Ana", "3: error line longer than 1048576 characters: not read",
                "4: 3|Luis", "5: error unterminated quoted field",
                "6: error line longer than 1048576 characters: not read", "7: 6|Sol");
        try (CsvReader csv = new CsvReader(new StringReader("id,nombre\n2," + huge + "\n"))) {
            csv.header();
            CsvReader.Row row = csv.next();
            assertThat(row.text()).hasSize(200 + 3).startsWith("2,xxx").endsWith("...");
        }
        assertThatThrownBy(() -> read(huge + "\n1\n")).isInstanceOf(IdemException.InvalidInput.class)
                .hasMessageContaining("line 1 (header) is longer than");
    }
}
