package io.idem.core.ingest;

import io.idem.core.IdemException;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming CSV reader: comma, semicolon, tab or vertical-bar delimiter (detected on the header
 * line, outside quotes, or given by Excel's {@code sep=;} first line), RFC-4180 quotes with embedded delimiters, quotes and newlines, UTF-8 BOM, LF or CRLF, a
 * missing final newline. Every field is trimmed, so FEBRL's {@code ", "} delimiter works. Rows are
 * reported with the physical line they start on.
 */
public final class CsvReader implements Closeable {

    /** One row: its starting line, its fields, the raw text, and an error when malformed. */
    public record Row(long line, String[] fields, String text, String error) {
    }

    private final Reader in;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private long line = 1;
    private char delimiter;
    private boolean eof;
    /** Fields of the header ({@link #header}), or -1 before it. */
    private int width = -1;
    /** Lines {@link #next} read ahead and gives back; {@link #pushedLine} numbers the first. */
    private final java.util.ArrayDeque<String> pushed = new java.util.ArrayDeque<>();
    private long pushedLine;

    /** The file {@link #open} read, else {@code null}. */
    private ImportInput opened;

    public CsvReader(Reader in) {
        this.in = in;
    }

    /**
     * A reader of any file an import takes: CSV in UTF-8 or Windows-1252 (or {@code encoding}, as
     * {@code import --encoding} names it; {@code null} detects), gzip or zip of one, or an Excel
     * workbook's first sheet.
     */
    public static CsvReader open(java.nio.file.Path file, String encoding) {
        ImportInput input = ImportInput.open(file);
        try {
            TextDecoder.Lenient text = TextDecoder.open(TextDecoder.decompressed(input.stream(), file.toString()), encoding);
            CsvReader csv = new CsvReader(text);
            csv.opened = input;
            return csv;
        } catch (IOException e) {
            throw new IdemException.InvalidInput("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Reads the header row and fixes the delimiter. */
    public String[] header() {
        String first = readLine();
        if (first == null) {
            throw new IdemException.InvalidInput("the file is empty: a header row is expected");
        }
        if (first.startsWith(OVERLONG)) {
            throw new IdemException.InvalidInput("line 1 (header) is longer than " + MAX_LINE_CHARS
                    + " characters: not a CSV header");
        }
        if (!first.isEmpty() && first.charAt(0) == '\uFEFF') {
            first = first.substring(1);
        }
        long headerLine = 1;
        if (first.length() == 5 && first.regionMatches(true, 0, "sep=", 0, 4)) {
            // Excel's hint line: the delimiter, then the header on the next line
            delimiter = first.charAt(4);
            first = readLine();
            headerLine = 2;
            if (first == null) {
                throw new IdemException.InvalidInput("the file has only a 'sep=' line: a header row is expected");
            }
        } else {
            delimiter = detect(first);
        }
        Row row = parse(headerLine, first, false);
        if (row.error() != null) {
            throw new IdemException.InvalidInput("line " + headerLine + " (header): " + row.error());
        }
        width = row.fields().length;
        return row.fields();
    }

    /** How {@link #open} read the file's bytes (encoding, lines read as Windows-1252, or a workbook). */
    ImportResult.Text text() {
        return opened.text((TextDecoder.Lenient) in);
    }

    public char delimiter() {
        return delimiter;
    }

    /**
     * Lines a quoted field may run on after the line it opens on. A field quoted across more lines
     * than this is taken for a quote that was never closed (see {@link #next}), and reading that
     * far ahead at most this many times per line bounds what a file full of such quotes costs.
     */
    static final int MAX_CONTINUATION_LINES = 100;

    /**
     * The next row, or {@code null} at the end. Blank lines are skipped.
     *
     * <p>A field that opens with a quote may run on over the following lines (an address or a note
     * with line breaks). When the quote is not closed within {@link #MAX_CONTINUATION_LINES} lines
     * or by the end of the file, or the lines it takes make no row (a parse error, or fields the
     * header does not have), the quote is taken for a mistake: the line it opens on is a row of its
     * own, rejected as an unterminated quoted field, and the lines after it are read as rows again.
     * So one stray quote costs one row, not the rest of the file. A quote inside a field (not the
     * first character after the delimiter and any spaces) is a character like any other.
     */
    public Row next() {
        while (true) {
            long start = nextLine();
            String text = physical();
            if (text == null) {
                return null;
            }
            if (text.isBlank()) {
                continue;
            }
            if (text.startsWith(OVERLONG)) {
                return overlong(start, text);
            }
            if (!openQuote(text)) {
                return parse(start, text, true);
            }
            // a quoted field may span lines: keep reading while it stays open
            List<String> more = new ArrayList<>();
            StringBuilder whole = new StringBuilder(text);
            boolean closed = false;
            while (more.size() < MAX_CONTINUATION_LINES) {
                String next = physical();
                if (next == null) {
                    break;
                }
                if (next.startsWith(OVERLONG)) {
                    more.add(next); // given back below, and rejected on its own
                    break;
                }
                more.add(next);
                whole.append('\n').append(next);
                if (!openQuote(whole)) {
                    closed = true;
                    break;
                }
            }
            if (closed) {
                Row row = parse(start, whole.toString(), true);
                if (row.error() == null && fits(row.fields())) {
                    return row;
                }
            }
            pushBack(start + 1, more);
            return new Row(start, new String[0], text, "unterminated quoted field");
        }
    }

    private static Row overlong(long start, String text) {
        return new Row(start, new String[0], text.substring(OVERLONG.length()) + "...",
                "line longer than " + MAX_LINE_CHARS + " characters: not read");
    }

    /** The number of the line {@link #physical} returns next. */
    private long nextLine() {
        return pushed.isEmpty() ? line : pushedLine;
    }

    /** The next line: one given back by {@link #pushBack} first, else the input's. */
    private String physical() {
        if (!pushed.isEmpty()) {
            pushedLine++;
            return pushed.pollFirst();
        }
        return readLine();
    }

    /** Lines to read again, {@code first} the number of the first: they were read right before. */
    private void pushBack(long first, List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            pushed.addFirst(lines.get(i));
        }
        if (!lines.isEmpty()) {
            pushedLine = first;
        }
    }

    /** Whether a row spanning lines has the header's fields (delimiters at the end of a line aside). */
    private boolean fits(String[] fields) {
        if (width < 0 || fields.length == width) {
            return true;
        }
        if (fields.length < width) {
            return false;
        }
        for (int i = width; i < fields.length; i++) {
            if (!fields[i].isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a row's text ends inside a quoted field, reading quotes as {@link #parse} does: only a
     * quote that opens a field starts one, and a doubled quote inside it is a quote.
     */
    private boolean openQuote(CharSequence s) {
        int n = s.length();
        int i = 0;
        while (true) {
            int j = i;
            while (j < n && s.charAt(j) == ' ') {
                j++;
            }
            if (j < n && s.charAt(j) == '"') {
                i = j + 1;
                while (true) {
                    if (i >= n) {
                        return true;
                    }
                    if (s.charAt(i) == '"') {
                        if (i + 1 < n && s.charAt(i + 1) == '"') {
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    i++;
                }
            }
            while (i < n && s.charAt(i) != delimiter) {
                i++;
            }
            if (i >= n) {
                return false;
            }
            i++;
        }
    }

    /** Delimiters a header is searched for, in the order that wins a tie. */
    private static final String DELIMITERS = ",;\t|";

    /**
     * The delimiter of a header line: whichever of comma, semicolon, tab and vertical bar it holds
     * most often outside quotes (a spreadsheet's "text (tab delimited)" export uses tabs); a comma
     * for a header of one column.
     */
    private static char detect(String header) {
        int[] counts = new int[DELIMITERS.length()];
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                int d = DELIMITERS.indexOf(c);
                if (d >= 0) {
                    counts[d]++;
                }
            }
        }
        int best = 0;
        for (int d = 1; d < counts.length; d++) {
            if (counts[d] > counts[best]) {
                best = d;
            }
        }
        return DELIMITERS.charAt(best);
    }

    private Row parse(long start, String text, boolean data) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (true) {
            // skip leading spaces before a possible quote
            int j = i;
            while (j < n && text.charAt(j) == ' ') {
                j++;
            }
            if (j < n && text.charAt(j) == '"') {
                i = j + 1;
                field.setLength(0);
                while (true) {
                    if (i >= n) {
                        return new Row(start, new String[0], text, "unterminated quoted field");
                    }
                    char c = text.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                        } else {
                            i++;
                            break;
                        }
                    } else {
                        field.append(c);
                        i++;
                    }
                }
                while (i < n && text.charAt(i) == ' ') {
                    i++;
                }
                out.add(field.toString().trim());
                if (i >= n) {
                    break;
                }
                if (text.charAt(i) != delimiter) {
                    return new Row(start, new String[0], text,
                            "unexpected character '" + text.charAt(i) + "' after a closing quote at column "
                                    + (out.size()));
                }
                i++;
            } else {
                int end = text.indexOf(delimiter, i);
                if (end < 0) {
                    out.add(text.substring(i).trim());
                    break;
                }
                out.add(text.substring(i, end).trim());
                i = end + 1;
                if (i == n) {
                    out.add("");
                    break;
                }
            }
        }
        return new Row(start, out.toArray(String[]::new), text, null);
    }

    /**
     * The longest line read (1,048,576 characters). A longer one (a column of binary data, a file
     * that is one huge line) is consumed without being kept and reported as a rejected row: before,
     * it was held whole, a 50-million-character value took 1.5 GB, and a larger one would have
     * ended the import out of memory instead of rejecting one row.
     */
    static final int MAX_LINE_CHARS = 1 << 20;
    /** Starts what {@link #readLine} returns for a line past {@link #MAX_LINE_CHARS} (NUL never reaches here). */
    private static final String OVERLONG = "\u0000overlong\u0000";
    /** Characters of an overlong line kept for the reject file. */
    private static final int OVERLONG_KEPT = 200;

    private String readLine() {
        if (eof && pos >= len) {
            return null;
        }
        StringBuilder sb = null;
        boolean overlong = false;
        while (true) {
            if (pos >= len) {
                fill();
                if (len <= 0) {
                    eof = true;
                    if (sb == null) {
                        return null;
                    }
                    line++;
                    return overlong ? OVERLONG + sb : stripCr(sb);
                }
            }
            int startPos = pos;
            while (pos < len && buf[pos] != '\n') {
                pos++;
            }
            if (pos < len) {
                String s;
                if (sb == null) {
                    int end = pos;
                    if (end > startPos && buf[end - 1] == '\r') {
                        end--;
                    }
                    s = new String(buf, startPos, end - startPos);
                } else if (overlong || sb.length() + (pos - startPos) > MAX_LINE_CHARS + 1) { // + 1: a CR
                    sb.setLength(Math.min(sb.length(), OVERLONG_KEPT));
                    s = OVERLONG + sb;
                } else {
                    sb.append(buf, startPos, pos - startPos);
                    s = stripCr(sb);
                }
                pos++;
                line++;
                return s;
            }
            if (sb == null) {
                sb = new StringBuilder();
            }
            if (!overlong) {
                sb.append(buf, startPos, pos - startPos);
                if (sb.length() > MAX_LINE_CHARS) {
                    overlong = true;
                    sb.setLength(OVERLONG_KEPT);
                }
            }
        }
    }

    private static String stripCr(StringBuilder sb) {
        int l = sb.length();
        if (l > 0 && sb.charAt(l - 1) == '\r') {
            sb.setLength(l - 1);
        }
        return sb.toString();
    }

    private void fill() {
        try {
            len = in.read(buf, 0, buf.length);
            pos = 0;
        } catch (IOException e) {
            throw new IdemException.InvalidInput("cannot read input at line " + line + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing useful to do
        }
    }
}
