package io.idem.core.model;

import io.idem.core.IdemException;
import java.util.Objects;

/** Identity of a source record: the source it came from and its id in that source. */
public record RecordKey(String source, String recordId) implements Comparable<RecordKey> {
    public RecordKey {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(recordId, "recordId");
    }

    /** Parses {@code SOURCE:RECORD_ID}; the record id may itself contain ':'. */
    public static RecordKey parse(String text) {
        int i = text.indexOf(':');
        if (i <= 0 || i == text.length() - 1) {
            throw new IdemException.InvalidInput("record key '" + text + "' is not SOURCE:RECORD_ID");
        }
        return new RecordKey(text.substring(0, i), text.substring(i + 1));
    }

    @Override
    public int compareTo(RecordKey o) {
        int c = source.compareTo(o.source);
        return c != 0 ? c : recordId.compareTo(o.recordId);
    }

    @Override
    public String toString() {
        return source + ":" + recordId;
    }
}
