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
