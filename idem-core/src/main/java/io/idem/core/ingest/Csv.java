package io.idem.core.ingest;

/** Writing CSV: RFC-4180 quoting only where needed, LF line ends. */
public final class Csv {
    private Csv() {
    }

    /** One CSV line, with its newline. */
    public static String line(String... values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            append(sb, values[i]);
        }
        return sb.append('\n').toString();
    }

    public static void append(StringBuilder sb, String v) {
        if (v == null) {
            return;
        }
        boolean quote = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r' || c == ';') {
                quote = true;
                break;
            }
        }
        if (!quote) {
            sb.append(v);
            return;
        }
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"') {
                sb.append('"');
            }
            sb.append(c);
        }
        sb.append('"');
    }
}
