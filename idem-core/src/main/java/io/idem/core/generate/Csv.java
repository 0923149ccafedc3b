package io.idem.core.generate;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A streaming UTF-8 CSV writer: comma separated, LF line ends, RFC 4180 quoting only for values that
 * contain a comma, a double quote or a line break. One line is assembled in a reused buffer.
 */
final class Csv implements Closeable {
    private final Writer out;
    private final StringBuilder line = new StringBuilder(256);
    private char[] chars = new char[512];
    private boolean first = true;

    Csv(Path file) throws IOException {
        out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 17);
    }

    /** Appends one value; {@code null} or empty writes an empty field. */
    Csv add(CharSequence value) {
        if (!first) {
            line.append(',');
        }
        first = false;
        if (value == null) {
            return this;
        }
        int n = value.length();
        boolean quote = false;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                quote = true;
                break;
            }
        }
        if (!quote) {
            line.append(value);
            return this;
        }
        line.append('"');
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == '"') {
                line.append('"');
            }
            line.append(c);
        }
        line.append('"');
        return this;
    }

    Csv addAll(String... values) {
        for (String v : values) {
            add(v);
        }
        return this;
    }

    /** Ends the line and hands it to the buffered writer. */
    void end() throws IOException {
        line.append('\n');
        int n = line.length();
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        line.getChars(0, n, chars, 0);
        out.write(chars, 0, n);
        line.setLength(0);
        first = true;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
