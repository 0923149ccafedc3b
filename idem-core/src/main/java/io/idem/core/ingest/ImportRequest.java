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
 */
public record ImportRequest(Path file, String source, String idColumn, Map<String, FieldKind> overrides,
        Path rejectFile) {
    public ImportRequest {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(source, "source");
        if (!source.matches("[A-Za-z0-9_.\\-]{1,64}")) {
            throw new IdemException.InvalidInput("--source '" + source
                    + "': use 1-64 letters, digits, '_', '-' or '.'");
        }
        overrides = Map.copyOf(overrides);
    }
}
