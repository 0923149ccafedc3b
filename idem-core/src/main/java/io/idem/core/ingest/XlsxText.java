package io.idem.core.ingest;

import io.idem.core.IdemException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The first worksheet of an Excel workbook ({@code .xlsx}) as CSV text, one line per sheet row
 * (an empty row is a blank line, so a row's line is its number in the sheet), for {@link CsvReader}.
 * A store clerk's list or a loyalty export often comes as a workbook, not as CSV.
 *
 * <p>Cells are written as Excel shows them where it matters for matching: shared and inline
 * strings as they are; numbers in plain digits ({@code 30123456}, {@code 5491141234567}, never
 * {@code 3.0123456E7}); a number in a date format as {@code YYYY-MM-DD}, or {@code YYYY-MM-DD
 * HH:MM:SS} when it has a time (Excel's days since 1899-12-30); booleans as {@code TRUE} /
 * {@code FALSE}; error cells empty. Formulas give their cached value. Only the JDK's XML reader,
 * with DTDs and external entities off.
 */
final class XlsxText {
    private static final String MAIN = "xl/workbook.xml";

    private XlsxText() {
    }

    /** Whether {@code file} is a workbook: a zip holding {@code xl/workbook.xml}. */
    static boolean isWorkbook(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry(MAIN) != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first worksheet of {@code file} as CSV text, every cell quoted (so no delimiter in a cell counts). */
    static String csv(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<String> shared = sharedStrings(zip);
            Set<Integer> dateStyles = dateStyles(zip);
            String sheet = firstSheet(zip);
            ZipEntry entry = zip.getEntry(sheet);
            if (entry == null) {
                throw new IdemException.InvalidInput(file + ": the workbook has no worksheet '" + sheet + "'");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return csv(in, shared, dateStyles);
            }
        } catch (IOException | XMLStreamException e) {
            throw new IdemException.InvalidInput("cannot read the workbook " + file + ": " + e.getMessage());
        }
    }

    private static XMLStreamReader xml(InputStream in) throws XMLStreamException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return f.createXMLStreamReader(in);
    }

    /** The path of the first sheet the workbook lists, through its relationships. */
    private static String firstSheet(ZipFile zip) throws IOException, XMLStreamException {
        String relId = null;
        try (InputStream in = zip.getInputStream(zip.getEntry(MAIN))) {
            XMLStreamReader r = xml(in);
            while (r.hasNext() && relId == null) {
                if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("sheet")) {
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        if (r.getAttributeLocalName(i).equals("id")) {
                            relId = r.getAttributeValue(i);
                        }
                    }
                }
            }
        }
        ZipEntry rels = zip.getEntry("xl/_rels/workbook.xml.rels");
        if (relId != null && rels != null) {
            try (InputStream in = zip.getInputStream(rels)) {
                XMLStreamReader r = xml(in);
                while (r.hasNext()) {
                    if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("Relationship")
                            && relId.equals(r.getAttributeValue(null, "Id"))) {
                        String target = r.getAttributeValue(null, "Target");
                        return target.startsWith("/") ? target.substring(1) : "xl/" + target;
                    }
                }
            }
        }
        return "xl/worksheets/sheet1.xml";
    }

    private static List<String> sharedStrings(ZipFile zip) throws IOException, XMLStreamException {
        List<String> out = new ArrayList<>();
        ZipEntry e = zip.getEntry("xl/sharedStrings.xml");
        if (e == null) {
            return out;
        }
        try (InputStream in = zip.getInputStream(e)) {
            XMLStreamReader r = xml(in);
            StringBuilder si = null;
            boolean phonetic = false;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "si" -> si = new StringBuilder();
                        case "rPh" -> phonetic = true; // a reading aid, not the text
                        case "t" -> {
                            String t = r.getElementText();
                            if (si != null && !phonetic) {
                                si.append(t);
                            }
                        }
                        default -> {
                        }
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    if (r.getLocalName().equals("si") && si != null) {
                        out.add(si.toString());
                        si = null;
                    } else if (r.getLocalName().equals("rPh")) {
                        phonetic = false;
                    }
                }
            }
        }
        return out;
    }

    /** The cell styles (indices into {@code cellXfs}) whose number format shows a date or time. */
    private static Set<Integer> dateStyles(ZipFile zip) throws IOException, XMLStreamException {
        Set<Integer> out = new HashSet<>();
        ZipEntry e = zip.getEntry("xl/styles.xml");
        if (e == null) {
            return out;
        }
        Map<Integer, String> custom = new HashMap<>();
        try (InputStream in = zip.getInputStream(e)) {
            XMLStreamReader r = xml(in);
            boolean inXfs = false;
            int xf = 0;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "numFmt" -> custom.put(Integer.parseInt(r.getAttributeValue(null, "numFmtId")),
                                r.getAttributeValue(null, "formatCode"));
                        case "cellXfs" -> inXfs = true;
                        case "xf" -> {
                            if (inXfs) {
                                String id = r.getAttributeValue(null, "numFmtId");
                                if (id != null && isDateFormat(Integer.parseInt(id), custom)) {
                                    out.add(xf);
                                }
                                xf++;
                            }
                        }
                        default -> {
                        }
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("cellXfs")) {
                    inXfs = false;
                }
            }
        }
        return out;
    }

    /** Excel's built-in date and time formats (14-22, 45-47), or a custom code with a day, month or year. */
    static boolean isDateFormat(int id, Map<Integer, String> custom) {
        if (id >= 14 && id <= 22 || id >= 45 && id <= 47) {
            return true;
        }
        String code = custom.get(id);
        if (code == null) {
            return false;
        }
        // outside quoted text and [colour]/[locale] brackets
        String plain = code.replaceAll("\"[^\"]*\"|\\[[^\\]]*\\]", "").toLowerCase(java.util.Locale.ROOT);
        return plain.indexOf('d') >= 0 || plain.indexOf('y') >= 0 || plain.indexOf('m') >= 0 && plain.indexOf('0') < 0
                && plain.indexOf('#') < 0;
    }

    private static String csv(InputStream in, List<String> shared, Set<Integer> dateStyles) throws XMLStreamException {
        XMLStreamReader r = xml(in);
        StringBuilder out = new StringBuilder();
        List<String> row = new ArrayList<>();
        int line = 0;
        int col = 0;
        String type = null;
        int style = 0;
        String value = null;
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "row" -> {
                        String n = r.getAttributeValue(null, "r");
                        int number = n != null ? Integer.parseInt(n) : line + 1;
                        while (line < number - 1) {
                            out.append('\n'); // rows the sheet skips: blank lines, so lines stay rows
                            line++;
                        }
                        row.clear();
                        col = 0;
                    }
                    case "c" -> {
                        String ref = r.getAttributeValue(null, "r");
                        col = ref != null ? column(ref) : col;
                        type = r.getAttributeValue(null, "t");
                        String s = r.getAttributeValue(null, "s");
                        style = s != null ? Integer.parseInt(s) : 0;
                        value = null;
                    }
                    case "v" -> value = r.getElementText();
                    case "t" -> value = value == null ? r.getElementText() : value + r.getElementText(); // inline
                    default -> {
                    }
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                switch (r.getLocalName()) {
                    case "c" -> {
                        while (row.size() < col) {
                            row.add("");
                        }
                        row.add(cell(type, value, dateStyles.contains(style), shared));
                        col++;
                    }
                    case "row" -> {
                        int end = row.size();
                        while (end > 0 && row.get(end - 1).isEmpty()) {
                            end--;
                        }
                        for (int i = 0; i < end; i++) {
                            if (i > 0) {
                                out.append(',');
                            }
                            out.append('"').append(row.get(i).replace("\"", "\"\"")).append('"');
                        }
                        out.append('\n');
                        line++;
                    }
                    default -> {
                    }
                }
            }
        }
        return out.toString();
    }

    /** The 0-based column of a cell reference ({@code A1} is 0, {@code AB7} is 27). */
    static int column(String ref) {
        int c = 0;
        for (int i = 0; i < ref.length() && Character.isLetter(ref.charAt(i)); i++) {
            c = c * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
        }
        return Math.max(0, c - 1);
    }

    private static String cell(String type, String value, boolean date, List<String> shared) {
        if (value == null) {
            return "";
        }
        if (type == null || type.equals("n")) {
            return date ? date(value) : number(value);
        }
        return switch (type) {
            case "s" -> {
                int i = Integer.parseInt(value.trim());
                yield i >= 0 && i < shared.size() ? shared.get(i) : "";
            }
            case "b" -> value.trim().equals("1") ? "TRUE" : "FALSE";
            case "e" -> "";
            default -> value; // str (a formula's text), inlineStr
        };
    }

    /** A number in plain digits: {@code 3.0123456E7} is {@code 30123456}, {@code 12.50} stays. */
    static String number(String v) {
        try {
            BigDecimal d = new BigDecimal(v.trim());
            String plain = d.stripTrailingZeros().toPlainString();
            return plain.equals("-0") ? "0" : plain;
        } catch (NumberFormatException e) {
            return v;
        }
    }

    /** A date cell: Excel's days since 1899-12-30, with the time of day as the fraction. */
    static String date(String v) {
        try {
            BigDecimal d = new BigDecimal(v.trim());
            long days = d.longValue();
            long seconds = Math.round(d.subtract(BigDecimal.valueOf(days)).doubleValue() * 86_400);
            LocalDateTime t = LocalDate.of(1899, 12, 30).plusDays(days).atStartOfDay().plusSeconds(seconds);
            return seconds == 0 ? t.toLocalDate().toString()
                    : t.toLocalDate() + " " + t.toLocalTime().withNano(0).toString()
                            + (t.getSecond() == 0 ? ":00" : "");
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return v;
        }
    }
}
