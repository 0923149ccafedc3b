package io.idem.core.ingest;

import io.idem.core.model.Field;
import io.idem.core.model.RecordKey;
import io.idem.core.model.SourceRecord;
import io.idem.core.normalize.Normalizers;
import java.util.ArrayList;
import java.util.List;

/** Turns one CSV row into a normalised record, or says why the row is rejected. Thread-safe. */
public final class RowParser {

    /** A parsed row: exactly one of {@code record} and {@code reject} is set. */
    public record Parsed(SourceRecord record, String reject) {
    }

    private final ColumnMapping mapping;
    private final Normalizers normalizers;
    private final String source;

    public RowParser(ColumnMapping mapping, Normalizers normalizers, String source) {
        this.mapping = mapping;
        this.normalizers = normalizers;
        this.source = source;
    }

    /**
     * @param row the CSV row
     * @param rowNumber the 1-based row number under the header, the record id when there is no id column
     * @param ingestedAt the time stamped on the record
     */
    public Parsed parse(CsvReader.Row row, long rowNumber, long ingestedAt) {
        if (row.error() != null) {
            return new Parsed(null, row.error());
        }
        String[] f = row.fields();
        if (f.length > mapping.width() && emptyFrom(f, mapping.width())) {
            // a delimiter at the end of the line: nothing lost
            f = java.util.Arrays.copyOf(f, mapping.width());
        }
        if (f.length != mapping.width()) {
            return new Parsed(null, "expected " + mapping.width() + " fields, found " + f.length);
        }
        String recordId;
        if (mapping.idColumn() >= 0) {
            recordId = f[mapping.idColumn()];
            if (recordId.isEmpty()) {
                return new Parsed(null, "empty record id in column '" + mapping.column(mapping.idColumn()) + "'");
            }
            if (recordId.length() > 200) {
                return new Parsed(null, "record id longer than 200 characters in column '"
                        + mapping.column(mapping.idColumn()) + "'");
            }
        } else {
            recordId = Long.toString(rowNumber);
        }
        List<Field> fields = new ArrayList<>(f.length);
        for (int i = 0; i < f.length; i++) {
            if (mapping.keeps(i) && !f[i].isEmpty()) {
                fields.addAll(normalizers.cell(mapping.column(i), mapping.kind(i), f[i]));
            }
        }
        if (fields.isEmpty()) {
            return new Parsed(null, "row has no values");
        }
        return new Parsed(new SourceRecord(new RecordKey(source, recordId),
                io.idem.core.normalize.AnonymousSale.mark(fields, normalizers.anonymousNames()), ingestedAt), null);
    }

    private static boolean emptyFrom(String[] f, int from) {
        for (int i = from; i < f.length; i++) {
            if (!f[i].isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
