package io.idem.core.ingest;

import io.idem.core.IdemException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;

/**
 * Turns an import file's bytes into text.
 *
 * <p>{@code auto} (the default) reads UTF-8, and any line that is not valid UTF-8 as Windows-1252:
 * a spreadsheet saved as CSV on a Spanish-language Windows writes {@code Mónica} as the single
 * byte {@code 0xF3}, which a UTF-8 reader turns into {@code M\uFFFDnica}: the letter lost for
 * good in the stored record, and the name no longer comparable. Deciding line by line also reads a
 * file that mixes both (rows appended by another program). Windows-1252 rather than ISO-8859-1: it
 * is the same for every letter of ISO-8859-1 and adds the curly quotes and dashes Excel types.
 * The lines read that way are counted ({@link #fallbackLines}) and the import says so. A file
 * starting with a UTF-16 byte-order mark is read as UTF-16.
 *
 * <p>Any other name is a Java charset the whole file is read with ({@code --encoding
 * ISO-8859-15}); bytes it cannot map become {@code U+FFFD}.
 */
public final class TextDecoder {
    /** The default: UTF-8, with lines that are not UTF-8 read as Windows-1252. */
    public static final String AUTO = "auto";
    static final Charset FALLBACK = Charset.forName("windows-1252");

    private TextDecoder() {
    }

    /** The charset an encoding option names, or {@code null} for {@link #AUTO}; a clear error for an unknown one. */
    public static Charset charset(String encoding) {
        if (encoding == null || encoding.equalsIgnoreCase(AUTO)) {
            return null;
        }
        try {
            return Charset.forName(encoding.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IdemException.InvalidInput("--encoding '" + encoding + "': not a known character set;"
                    + " use auto (UTF-8, lines that are not UTF-8 read as Windows-1252), utf-8, windows-1252,"
                    + " iso-8859-1, iso-8859-15 or another Java charset name");
        }
    }

    /**
     * The file's content: a gzip file ({@code clientes.csv.gz}) decompressed, a zip file
     * ({@code clientes.zip}, as exports are sent) the first entry that is not a folder, anything
     * else as it is. Known by the first bytes, not the name. {@code name} is for errors.
     */
    public static InputStream decompressed(InputStream in, String name) throws IOException {
        java.io.PushbackInputStream p = new java.io.PushbackInputStream(in, 4);
        byte[] magic = p.readNBytes(4);
        p.unread(magic);
        if (magic.length >= 2 && (magic[0] & 0xFF) == 0x1F && (magic[1] & 0xFF) == 0x8B) {
            return new java.util.zip.GZIPInputStream(p, 1 << 16);
        }
        if (magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
            java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(p);
            for (java.util.zip.ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (!e.isDirectory()) {
                    return zip;
                }
            }
            throw new IdemException.InvalidInput(name + ": the zip file holds no file");
        }
        return p;
    }

    /** A reader of {@code in} for an encoding option ({@code null} or {@code auto}: see the class comment). */
    public static Lenient open(InputStream in, String encoding) {
        return new Lenient(in, charset(encoding));
    }

    /** Reads the text, and counts the lines {@code auto} read as Windows-1252. */
    public static final class Lenient extends Reader {
        private final InputStream in;
        /** The fixed charset, or {@code null} in auto mode. */
        private final Charset fixed;
        private Reader whole;
        private final byte[] bytes = new byte[1 << 16];
        private int bpos;
        private int blen;
        private boolean eof;
        private boolean started;
        /** The line end: {@code \n}, or {@code \r} for a file with no {@code \n} in its first block but a {@code \r}. */
        private byte newlineByte = '\n';
        private byte[] line = new byte[256];
        private char[] chars = new char[256];
        private int cpos;
        private int clen;
        private long lines;
        private long fallbackLines;
        private long firstFallbackLine;
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private final CharsetDecoder fallback = FALLBACK.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);

        private Lenient(InputStream in, Charset fixed) {
            this.in = in;
            this.fixed = fixed;
        }

        /** Physical lines read as Windows-1252 because they were not valid UTF-8 (auto mode). */
        public long fallbackLines() {
            return fallbackLines;
        }

        /** The first of them (1-based physical line), or 0. */
        public long firstFallbackLine() {
            return firstFallbackLine;
        }

        /** The encoding in use: {@code auto}, {@code UTF-16} (by its byte-order mark) or the charset given. */
        public String encoding() {
            return fixed != null ? fixed.name() : whole != null ? "UTF-16" : AUTO;
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            if (!started) {
                start();
            }
            if (whole != null) {
                return whole.read(cbuf, off, len);
            }
            if (cpos >= clen && !nextLine()) {
                return -1;
            }
            int n = Math.min(len, clen - cpos);
            System.arraycopy(chars, cpos, cbuf, off, n);
            cpos += n;
            return n;
        }

        private void start() throws IOException {
            started = true;
            fill();
            if (crOnly(bytes, blen)) {
                // "CSV (Macintosh)" from Excel for Mac ends lines with CR alone
                newlineByte = '\r';
            }
            if (blen >= 4 && (bytes[0] & 0xFF) == 0xD0 && (bytes[1] & 0xFF) == 0xCF && (bytes[2] & 0xFF) == 0x11
                    && (bytes[3] & 0xFF) == 0xE0) {
                throw new IOException("this is an Excel 97-2003 workbook (.xls), not text: save it as .xlsx or CSV");
            }
            boolean utf16 = blen >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                    || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF));
            if (fixed != null || utf16) {
                // the whole stream in one charset: hand the bytes read so far back in front of the rest
                InputStream rest = new java.io.SequenceInputStream(
                        new java.io.ByteArrayInputStream(Arrays.copyOf(bytes, Math.max(0, blen))), in);
                CharsetDecoder d = (fixed != null ? fixed : StandardCharsets.UTF_16).newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
                whole = new InputStreamReader(rest, d);
            }
        }

        private static boolean crOnly(byte[] b, int n) {
            boolean cr = false;
            for (int i = 0; i < n; i++) {
                if (b[i] == '\n') {
                    return false;
                }
                cr |= b[i] == '\r';
            }
            return cr;
        }

        private void fill() throws IOException {
            blen = in.read(bytes, 0, bytes.length);
            bpos = 0;
            if (blen < 0) {
                eof = true;
                blen = 0;
            }
        }

        /**
         * Bytes of one line decoded at once at most: a longer line (binary data, a file that is one
         * line) is decoded in pieces of this size, so it is never held whole; the CSV reader rejects
         * it (see {@code CsvReader#MAX_LINE_CHARS}).
         */
        private static final int MAX_PIECE = 4 << 20;

        /** Reads the next physical line, its {@code \n} included, and decodes it into {@link #chars}. */
        private boolean nextLine() throws IOException {
            int n = 0;
            boolean ascii = true;
            boolean piece = false;
            while (true) {
                if (bpos >= blen) {
                    if (eof) {
                        break;
                    }
                    fill();
                    continue;
                }
                int start = bpos;
                int stop = bpos;
                while (stop < blen && bytes[stop] != newlineByte) {
                    ascii &= bytes[stop] >= 0;
                    if (bytes[stop] == 0) {
                        // no text file has NUL bytes: a binary file, or UTF-16 without its mark
                        throw new IOException("line " + (lines + 1) + " holds NUL bytes: not a text file (a PDF or an"
                                + " image? UTF-16 without its byte-order mark? then --encoding UTF-16LE)");
                    }
                    stop++;
                }
                boolean newline = stop < blen;
                int take = (newline ? stop + 1 : stop) - start;
                if (n + take > line.length) {
                    line = Arrays.copyOf(line, Math.max(line.length * 2, n + take));
                }
                System.arraycopy(bytes, start, line, n, take);
                n += take;
                if (newline && newlineByte != '\n') {
                    line[n - 1] = '\n';
                }
                bpos = start + take;
                if (newline) {
                    break;
                }
                if (n >= MAX_PIECE) {
                    piece = true; // the rest of the line comes with the next call
                    break;
                }
            }
            if (n == 0) {
                return false;
            }
            if (!piece) {
                lines++;
            }
            if (chars.length < n) {
                chars = new char[Math.max(chars.length * 2, n)];
            }
            cpos = 0;
            if (ascii) {
                for (int i = 0; i < n; i++) {
                    chars[i] = (char) line[i];
                }
                clen = n;
                return true;
            }
            CharBuffer out = CharBuffer.wrap(chars);
            try {
                utf8.reset();
                CharBuffer decoded = utf8.decode(ByteBuffer.wrap(line, 0, n));
                clen = decoded.remaining();
                decoded.get(chars, 0, clen);
            } catch (CharacterCodingException e) {
                fallbackLines++;
                if (firstFallbackLine == 0) {
                    firstFallbackLine = lines;
                }
                fallback.reset();
                fallback.decode(ByteBuffer.wrap(line, 0, n), out, true);
                fallback.flush(out);
                clen = out.position();
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            if (whole != null) {
                whole.close();
            } else {
                in.close();
            }
        }
    }
}
