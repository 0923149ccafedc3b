package io.idem.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idem.core.IdemException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxTextTest {
    @TempDir
    Path dir;

    private static final String NS = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
            + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

    /** A workbook as Excel writes one: its parts, the sheet the second one listed in the zip. */
    static Path workbook(Path file, String sheetXml) throws IOException {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types/>");
        parts.put("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><workbook " + NS
                + "><sheets><sheet name=\"Clientes\" sheetId=\"1\" r:id=\"rId7\"/>"
                + "<sheet name=\"Otra\" sheetId=\"2\" r:id=\"rId8\"/></sheets></workbook>");
        parts.put("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas."
                + "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId8\" Type=\"ws\" "
                + "Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId7\" Type=\"ws\" "
                + "Target=\"worksheets/sheet2.xml\"/></Relationships>");
        parts.put("xl/sharedStrings.xml", "<?xml version=\"1.0\"?><sst " + NS + " count=\"6\" uniqueCount=\"6\">"
                + "<si><t>DNI</t></si><si><t>Nombre</t></si><si><t>Fecha Nac.</t></si><si><t>Teléfono</t></si>"
                + "<si><r><rPr><b/></rPr><t>Mónica </t></r><r><t>Núñez</t></r><rPh sb=\"0\" eb=\"1\"><t>x</t></rPh></si>"
                + "<si><t xml:space=\"preserve\">Paz, \"Ana\"</t></si></sst>");
        parts.put("xl/styles.xml", "<?xml version=\"1.0\"?><styleSheet " + NS + "><numFmts count=\"2\">"
                + "<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/><numFmt numFmtId=\"165\" formatCode=\"#,##0.00\"/>"
                + "</numFmts><cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
                + "<xf numFmtId=\"165\"/></cellXfs></styleSheet>");
        parts.put("xl/worksheets/sheet1.xml", "<worksheet " + NS + "><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\">"
                + "<is><t>not this sheet</t></is></c></row></sheetData></worksheet>");
        parts.put("xl/worksheets/sheet2.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet " + NS
                + "><sheetData>" + sheetXml + "</sheetData></worksheet>");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, String> e : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return file;
    }

    @Test
    void theFirstSheetIsCsvWithExcelsValuesAsItShowsThem() throws IOException {
        Path f = workbook(dir.resolve("clientes.xlsx"), ""
                + "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
                + "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c><c r=\"E1\" t=\"inlineStr\">"
                + "<is><t>Email</t></is></c><c r=\"F1\" t=\"inlineStr\"><is><t>Monto</t></is></c></row>"
                + "<row r=\"2\"><c r=\"A2\"><v>30123456</v></c><c r=\"B2\" t=\"s\"><v>4</v></c>"
                + "<c r=\"C2\" s=\"1\"><v>29285</v></c><c r=\"D2\"><v>5.491141234567E12</v></c>"
                + "<c r=\"E2\" t=\"str\"><f>LOWER(X2)</f><v>monica@x.com</v></c><c r=\"F2\" s=\"3\"><v>1234.5</v></c></row>"
                // row 3 missing: a blank line keeps the next row on line 4
                + "<row r=\"4\"><c r=\"A4\"><v>20111222</v></c><c r=\"B4\" t=\"s\"><v>5</v></c>"
                + "<c r=\"C4\" s=\"2\"><v>32906.5</v></c><c r=\"F4\" t=\"e\"><v>#DIV/0!</v></c></row>"
                // cells without references follow one another; a gap before E
                + "<row r=\"5\"><c><v>7</v></c><c t=\"b\"><v>1</v></c><c r=\"E5\" t=\"inlineStr\"><is><r><t>a@</t></r>"
                + "<r><t>y.com</t></r></is></c></row>");
        assertThat(XlsxText.isWorkbook(f)).isTrue();
        assertThat(XlsxText.csv(f)).isEqualTo(""
                + "\"DNI\",\"Nombre\",\"Fecha Nac.\",\"Teléfono\",\"Email\",\"Monto\"\n"
                + "\"30123456\",\"Mónica Núñez\",\"1980-03-05\",\"5491141234567\",\"monica@x.com\",\"1234.5\"\n"
                + "\n"
                + "\"20111222\",\"Paz, \"\"Ana\"\"\",\"1990-02-02 12:00:00\"\n"
                + "\"7\",\"TRUE\",\"\",\"\",\"a@y.com\"\n");
        // and CsvReader reads it: the comma inside a cell is no delimiter, rows keep their sheet lines
        try (CsvReader csv = new CsvReader(new java.io.StringReader(XlsxText.csv(f)))) {
            assertThat(csv.header()).containsExactly("DNI", "Nombre", "Fecha Nac.", "Teléfono", "Email", "Monto");
            assertThat(csv.next().line()).isEqualTo(2);
            CsvReader.Row four = csv.next();
            assertThat(four.line()).isEqualTo(4);
            assertThat(four.fields()).containsExactly("20111222", "Paz, \"Ana\"", "1990-02-02 12:00:00");
        }
    }

    @Test
    void numbersAndDatesReadAsExcelShowsThem() {
        assertThat(XlsxText.number("3.0123456E7")).isEqualTo("30123456");
        assertThat(XlsxText.number("12.50")).isEqualTo("12.5");
        assertThat(XlsxText.number("-0.0")).isEqualTo("0");
        assertThat(XlsxText.date("45292")).isEqualTo("2024-01-01");
        assertThat(XlsxText.date("45292.4375")).isEqualTo("2024-01-01 10:30:00");
        assertThat(XlsxText.column("A1")).isZero();
        assertThat(XlsxText.column("AB7")).isEqualTo(27);
        assertThat(XlsxText.isDateFormat(14, Map.of())).isTrue();
        assertThat(XlsxText.isDateFormat(164, Map.of(164, "[$-es-AR]d \"de\" mmmm \"de\" yyyy"))).isTrue();
        assertThat(XlsxText.isDateFormat(165, Map.of(165, "#,##0.00"))).isFalse();
        assertThat(XlsxText.isDateFormat(166, Map.of(166, "\"Día\" 0"))).isFalse();
    }

    @Test
    void aCsvOrABrokenWorkbookIsNotAWorkbook() throws IOException {
        Path csv = Files.writeString(dir.resolve("x.csv"), "a,b\n1,2\n");
        assertThat(XlsxText.isWorkbook(csv)).isFalse();
        Path broken = dir.resolve("roto.xlsx");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(broken))) {
            zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
            zip.write("<workbook><sheets><sheet r:id=\"x\"".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(XlsxText.isWorkbook(broken)).isTrue();
        assertThatThrownBy(() -> XlsxText.csv(broken)).isInstanceOf(IdemException.InvalidInput.class)
                .hasMessageContaining("cannot read the workbook");
    }
}
