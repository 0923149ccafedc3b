package io.idem.core.ingest;

import io.idem.core.IdemException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The bytes of an import file: the file itself (CSV, or gzip or zip of one, see
 * {@link TextDecoder#decompressed}), or for an Excel workbook its first sheet as UTF-8 CSV
 * ({@link XlsxText}).
 *
 * @param size the bytes {@code stream} will give (for progress and for sizing the import)
 * @param workbook whether the file is a workbook
 */
record ImportInput(InputStream stream, long size, boolean workbook) {

    static ImportInput open(Path file) {
        try {
            if (!Files.exists(file)) {
                throw new NoSuchFileException(file.toString());
            }
            if (XlsxText.isWorkbook(file)) {
                byte[] csv = XlsxText.csv(file).getBytes(StandardCharsets.UTF_8);
                return new ImportInput(new ByteArrayInputStream(csv), csv.length, true);
            }
            return new ImportInput(Files.newInputStream(file), Files.size(file), false);
        } catch (NoSuchFileException e) {
            throw new IdemException.InvalidInput("file not found: " + file);
        } catch (IOException e) {
            throw new IdemException.InvalidInput("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** How the text was read, for the summary: a workbook is {@code xlsx}. */
    ImportResult.Text text(TextDecoder.Lenient decoder) {
        return new ImportResult.Text(workbook ? "xlsx" : decoder.encoding(), decoder.fallbackLines(),
                decoder.firstFallbackLine());
    }
}
