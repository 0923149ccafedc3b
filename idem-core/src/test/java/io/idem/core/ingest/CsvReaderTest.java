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
}
