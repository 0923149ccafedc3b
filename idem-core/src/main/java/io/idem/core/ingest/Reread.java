package io.idem.core.ingest;

import io.idem.core.model.Field;
import io.idem.core.model.FieldKind;
import io.idem.core.model.SourceRecord;
import io.idem.core.normalize.Headers;
import io.idem.core.normalize.Normalizers;
import io.idem.core.privacy.HashedInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a stored record again from its values as received, as an import with other options, or
 * a later version of idem, would read its row: the same columns, each value normalised now. What
 * kind a column is stays as the import decided, unless {@code remap} (the column's name read by
 * today's header rules, as an import without {@code --map} would) or an override says otherwise;
 * an override to {@code ignore} drops the column. A value sent hashed ({@code import
 * --hashed-input}) has nothing to read again and is kept as stored. Thread-safe.
 */
public final class Reread {
    private final Normalizers normalizers;
    private final boolean remap;
    private final Map<String, FieldKind> overrides;
    /** Columns today's header rules read as another kind than they keep, as {@code from -> to}. */
    private final Map<String, String> otherwise = new java.util.concurrent.ConcurrentSkipListMap<>();

    /** @param overrides column (any case) to kind, as {@code --map} gives them */
    public Reread(Normalizers normalizers, boolean remap, Map<String, FieldKind> overrides) {
        this.normalizers = normalizers;
        this.remap = remap;
        this.overrides = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        this.overrides.putAll(overrides);
    }

    /** The record read again; its fields are empty when every column is now ignored. */
    public SourceRecord of(SourceRecord stored) {
        List<Field> fields = stored.fields();
        List<Field> out = new ArrayList<>(fields.size());
        int i = 0;
        while (i < fields.size()) {
            Field first = fields.get(i);
            // the values one cell gave (a cell listing two phones is two fields with its text)
            int end = i + 1;
            while (end < fields.size() && sameCell(first, fields.get(end))) {
                end++;
            }
            FieldKind kind = kindOf(first);
            if (kind == FieldKind.IGNORE) {
                i = end;
                continue;
            }
            if (kind == first.kind() && HashedInput.KINDS.contains(kind) && HashedInput.looksHashed(first.raw())) {
                out.addAll(fields.subList(i, end));
            } else {
                out.addAll(normalizers.cell(first.column(), kind, first.raw()));
            }
            i = end;
        }
        return new SourceRecord(stored.key(), io.idem.core.normalize.AnonymousSale.mark(out, normalizers.anonymousNames()), stored.ingestedAt());
    }

    private static boolean sameCell(Field a, Field b) {
        return a.column().equals(b.column()) && a.kind() == b.kind() && a.raw().equals(b.raw());
    }

    private FieldKind kindOf(Field f) {
        FieldKind given = overrides.get(f.column());
        if (given != null) {
            return given;
        }
        String name = originalName(f.column());
        FieldKind today = name.isEmpty() ? FieldKind.ATTRIBUTE : Headers.kindFor(name);
        if (remap) {
            return today;
        }
        if (today != f.kind()) {
            otherwise.putIfAbsent(f.column(), f.kind().key() + " -> " + today.key());
        }
        return f.kind();
    }

    /**
     * The columns of the records read so far that keep a kind today's header rules would not give
     * them (column to {@code kept -> today}): what {@code --remap} would change. Empty with it.
     */
    public Map<String, String> readOtherwiseToday() {
        return Map.copyOf(otherwise);
    }

    /**
     * The header a column had: an import names a repeated header {@code Teléfono#2} and an empty
     * one {@code column N} ({@link ColumnMapping}).
     */
    static String originalName(String column) {
        int hash = column.lastIndexOf('#');
        if (hash > 0 && hash < column.length() - 1 && column.substring(hash + 1).chars().allMatch(Character::isDigit)) {
            return column.substring(0, hash);
        }
        if (column.toLowerCase(Locale.ROOT).matches("column \\d+")) {
            return "";
        }
        return column;
    }
}
