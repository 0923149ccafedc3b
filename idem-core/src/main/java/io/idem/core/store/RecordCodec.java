package io.idem.core.store;

import io.idem.core.IdemException;
import io.idem.core.model.Field;
import io.idem.core.model.FieldKind;
import java.util.ArrayList;
import java.util.List;

/**
 * A compact text form of a record's fields for storage: per field {@code column US kind US raw US
 * normalized US problem}, fields separated by RS; a missing value is NUL; ESC escapes those
 * control characters inside values. Faster and smaller than JSON, and stable.
 */
public final class RecordCodec {
    private static final char US = '\u001F';
    private static final char RS = '\u001E';
    private static final char ESC = '\u001B';
    private static final char NUL = '\u0000';

    private RecordCodec() {
    }

    public static String encode(List<Field> fields) {
        int size = 0;
        for (Field f : fields) {
            size += f.column().length() + f.raw().length() + (f.normalized() == null ? 1 : f.normalized().length()) + 24;
        }
        StringBuilder sb = new StringBuilder(size);
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            if (i > 0) {
                sb.append(RS);
            }
            put(sb, f.column());
            sb.append(US).append(f.kind().key()).append(US);
            put(sb, f.raw());
            sb.append(US);
            put(sb, f.normalized());
            sb.append(US);
            put(sb, f.problem());
        }
        return sb.toString();
    }

    /**
     * The UTF-8 bytes of {@link #encode}, written directly: the same bytes as
     * {@code encode(fields).getBytes(UTF_8)} (an unpaired surrogate becomes {@code ?}, as there),
     * without the text in between. The store's writer seals these for every record.
     */
    public static byte[] encodeUtf8(List<Field> fields) {
        int size = 0;
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            size += (i > 0 ? 1 : 0) + utf8Length(f.column()) + 1 + utf8Length(f.kind().key()) + 1
                    + utf8Length(f.raw()) + 1 + utf8Length(f.normalized()) + 1 + utf8Length(f.problem());
        }
        byte[] out = new byte[size];
        int p = 0;
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            if (i > 0) {
                out[p++] = RS;
            }
            p = putUtf8(out, p, f.column());
            out[p++] = US;
            p = putUtf8(out, p, f.kind().key());
            out[p++] = US;
            p = putUtf8(out, p, f.raw());
            out[p++] = US;
            p = putUtf8(out, p, f.normalized());
            out[p++] = US;
            p = putUtf8(out, p, f.problem());
        }
        return out;
    }

    /** Bytes {@link #putUtf8} writes for a value: NUL for null, an ESC before each control character. */
    private static int utf8Length(String v) {
        if (v == null) {
            return 1;
        }
        int n = v.length();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x80) {
                n += c == US || c == RS || c == ESC || c == NUL ? 1 : 0;
            } else if (c < 0x800) {
                n += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1))) {
                n += 2; // two chars, four bytes
                i++;
            } else if (Character.isSurrogate(c)) {
                n += 0; // unpaired: '?'
            } else {
                n += 2;
            }
        }
        return n;
    }

    private static int putUtf8(byte[] out, int p, String v) {
        if (v == null) {
            out[p++] = NUL;
            return p;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x80) {
                if (c == US || c == RS || c == ESC || c == NUL) {
                    out[p++] = ESC;
                }
                out[p++] = (byte) c;
            } else if (c < 0x800) {
                out[p++] = (byte) (0xC0 | c >> 6);
                out[p++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, v.charAt(++i));
                out[p++] = (byte) (0xF0 | cp >> 18);
                out[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                out[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                out[p++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                out[p++] = '?';
            } else {
                out[p++] = (byte) (0xE0 | c >> 12);
                out[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[p++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return p;
    }

    private static void put(StringBuilder sb, String v) {
        if (v == null) {
            sb.append(NUL);
            return;
        }
        boolean plain = true;
        for (int i = 0; i < v.length() && plain; i++) {
            char c = v.charAt(i);
            plain = c != US && c != RS && c != ESC && c != NUL;
        }
        if (plain) {
            sb.append(v);
            return;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == US || c == RS || c == ESC || c == NUL) {
                sb.append(ESC);
            }
            sb.append(c);
        }
    }

    public static List<Field> decode(String text) {
        List<Field> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        String[] parts = new String[5];
        int p = 0;
        StringBuilder cur = new StringBuilder();
        boolean isNull = false;
        for (int i = 0; i <= text.length(); i++) {
            char c = i == text.length() ? RS : text.charAt(i);
            if (c == ESC && i + 1 < text.length()) {
                cur.append(text.charAt(++i));
            } else if (c == NUL) {
                isNull = true;
            } else if (c == US || c == RS) {
                if (p >= 5) {
                    throw new IdemException("corrupt stored record: too many parts in '" + text + "'");
                }
                parts[p++] = isNull ? null : cur.toString();
                cur.setLength(0);
                isNull = false;
                if (c == RS) {
                    if (p != 5) {
                        throw new IdemException("corrupt stored record: expected 5 parts in '" + text + "'");
                    }
                    out.add(new Field(parts[0], FieldKind.parse(parts[1]), parts[2], parts[3], parts[4]));
                    p = 0;
                }
            } else {
                cur.append(c);
            }
        }
        return out;
    }
}
