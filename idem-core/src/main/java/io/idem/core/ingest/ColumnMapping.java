package io.idem.core.ingest;

import io.idem.core.IdemException;
import io.idem.core.model.FieldKind;
import io.idem.core.normalize.Headers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the columns of one file map to field kinds: recognised headers (English and Spanish),
 * overridden by {@code --map COLUMN=KIND}, and which column is the record id.
 */
public final class ColumnMapping {
    private final String[] header;
    private final FieldKind[] kinds;
    private final int idColumn;

    private ColumnMapping(String[] header, FieldKind[] kinds, int idColumn) {
        this.header = header;
        this.kinds = kinds;
        this.idColumn = idColumn;
    }

    /**
     * @param idColumn the column holding the record id, or {@code null} for the row number
     * @param overrides column name (case-insensitive) to kind
     */
    public static ColumnMapping of(String[] given, String idColumn, Map<String, FieldKind> overrides) {
        String[] header = names(given);
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
            index.put(header[i].toLowerCase(Locale.ROOT), i);
        }
        FieldKind[] kinds = new FieldKind[header.length];
        for (int i = 0; i < header.length; i++) {
            kinds[i] = given[i].isEmpty() ? FieldKind.ATTRIBUTE : Headers.kindFor(given[i]);
        }
        for (Map.Entry<String, FieldKind> e : overrides.entrySet()) {
            Integer i = index.get(e.getKey().toLowerCase(Locale.ROOT));
            if (i == null) {
                throw new IdemException.InvalidInput("--map " + e.getKey() + "=" + e.getValue().key()
                        + ": no column '" + e.getKey() + "' in the header " + Arrays.toString(header));
            }
            kinds[i] = e.getValue();
        }
        int id = -1;
        if (idColumn != null) {
            Integer i = index.get(idColumn.toLowerCase(Locale.ROOT));
            if (i == null) {
                throw new IdemException.InvalidInput("--id " + idColumn + ": no column '" + idColumn
                        + "' in the header " + Arrays.toString(header));
            }
            id = i;
        }
        return new ColumnMapping(header, kinds, id);
    }

    /**
     * The columns' names: as in the header, except that an empty one is {@code column N} (an export
     * whose lines all end with a delimiter has one) and a name seen before gets {@code #2},
     * {@code #3}... ({@code Teléfono}, {@code Teléfono#2}: two phone columns), which {@code --map}
     * and {@code --id} use.
     */
    private static String[] names(String[] given) {
        String[] out = new String[given.length];
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < given.length; i++) {
            String name = given[i].isEmpty() ? "column " + (i + 1) : given[i];
            int n = seen.merge(name.toLowerCase(Locale.ROOT), 1, Integer::sum);
            if (n > 1) {
                name = name + "#" + n;
                while (seen.containsKey(name.toLowerCase(Locale.ROOT))) {
                    name = name + "'";
                }
                seen.put(name.toLowerCase(Locale.ROOT), 1);
            }
            out[i] = name;
        }
        return out;
    }

    /** Every {@code --map COLUMN=KIND} of a command, in order ({@link #parseOverride}). */
    public static Map<String, FieldKind> parseOverrides(java.util.List<String> maps) {
        Map<String, FieldKind> out = new LinkedHashMap<>();
        for (String m : maps) {
            Map.Entry<String, FieldKind> e = parseOverride(m);
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /** Parses {@code COLUMN=KIND}. */
    public static Map.Entry<String, FieldKind> parseOverride(String text) {
        int eq = text.lastIndexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new IdemException.InvalidInput("--map '" + text + "': expected COLUMN=KIND");
        }
        String column = text.substring(0, eq).trim();
        String kind = text.substring(eq + 1).trim();
        try {
            return Map.entry(column, FieldKind.parse(kind));
        } catch (IdemException e) {
            throw new IdemException.InvalidInput("--map '" + text + "': " + e.getMessage());
        }
    }

    public int width() {
        return header.length;
    }

    public String column(int i) {
        return header[i];
    }

    public FieldKind kind(int i) {
        return kinds[i];
    }

    /** The index of the record id column, or -1 when the row number is the id. */
    public int idColumn() {
        return idColumn;
    }

    /** Whether a column becomes a field of the record (the id column does only when it means something). */
    public boolean keeps(int i) {
        if (kinds[i] == FieldKind.IGNORE) {
            return false;
        }
        return i != idColumn || kinds[i] != FieldKind.ATTRIBUTE;
    }

    /**
     * What each column became, in header order: its kind ({@link FieldKind#key}), {@code record_id}
     * for the id column when it is nothing more.
     */
    public Map<String, String> columns() {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
            out.put(header[i], i == idColumn && !keeps(i) ? "record_id" : kinds[i].key());
        }
        return out;
    }

    /**
     * The first column name that looks like a value rather than a name (an {@code @}, six digits
     * or more): a file that starts without a header has its first row read as one. {@code null}
     * when none does.
     */
    public static String valueLikeName(Iterable<String> names) {
        for (String n : names) {
            if (n.indexOf('@') >= 0 || n.chars().filter(Character::isDigit).count() >= 6) {
                return n;
            }
        }
        return null;
    }

    /** Whether a column of this kind can link a row to a profile: an identifier, or a name fuzzy matching compares. */
    public static boolean links(FieldKind kind) {
        return kind.isIdentifier() || kind == FieldKind.FIRST_NAME || kind == FieldKind.LAST_NAME
                || kind == FieldKind.FULL_NAME;
    }

    /** Human-readable list, e.g. {@code correo=email, dni=document}. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < header.length; i++) {
            out.add(header[i] + "=" + (i == idColumn ? "record id" + (keeps(i) ? "+" + kinds[i].key() : "")
                    : kinds[i].key()));
        }
        return out;
    }
}
