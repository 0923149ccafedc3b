package io.idem.core.ingest;

import io.idem.core.IdemException;
import io.idem.core.model.FieldKind;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One file to import.
 *
 * @param idColumn the column holding record ids, or {@code null} to use the 1-based row number
 * @param overrides column to kind, from {@code --map}
 * @param rejectFile where rejected rows go (created only when there are some)
 * @param encoding how the file's bytes are read: {@code null} or {@code auto} for UTF-8 with lines
 *     that are not UTF-8 read as Windows-1252, or a charset name ({@link TextDecoder})
 */
public record ImportRequest(Path file, String source, String idColumn, Map<String, FieldKind> overrides,
        Path rejectFile, String encoding) {
    /** A request for a file read the default way ({@link TextDecoder#AUTO}). */
    public ImportRequest(Path file, String source, String idColumn, Map<String, FieldKind> overrides,
            Path rejectFile) {
        this(file, source, idColumn, overrides, rejectFile, null);
    }

    public ImportRequest {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(source, "source");
        if (!source.matches("[A-Za-z0-9_.\\-]{1,64}")) {
            throw new IdemException.InvalidInput("--source '" + source
                    + "': use 1-64 letters, digits, '_', '-' or '.'");
        }
        overrides = Map.copyOf(overrides);
        TextDecoder.charset(encoding); // an unknown charset fails here, before anything is read
    }
}
