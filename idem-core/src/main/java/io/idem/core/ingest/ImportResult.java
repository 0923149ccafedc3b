package io.idem.core.ingest;

import io.idem.core.store.ImportRun;
import java.util.Map;

/**
 * What an import did.
 *
 * @param run the counters, as stored
 * @param invalidValues per field kind, how many values were kept but unusable (bad email, impossible date)
 * @param placeholders how many identifier values were ignored as placeholders
 * @param suppressed rows not imported because they carry an identifier of an erased person
 * @param millis wall time
 * @param text how the file was read: its encoding and the lines read as Windows-1252
 * @param columns what each column of the header became, in order: a field kind ({@code email},
 *     {@code attribute}, {@code ignore}...) or {@code record_id}
 * @param problemsFile where the values kept but not usable are listed (file, line, record id,
 *     column, value, problem), or {@code ""} when there were none
 * @param matching what fuzzy matching did, or {@link Matching#OFF}
 */
public record ImportResult(ImportRun run, Map<String, Long> invalidValues, long placeholders, long suppressed, long millis,
        Text text, Map<String, String> columns, String problemsFile, Matching matching) {

    /**
     * What fuzzy matching did during an import.
     *
     * @param on whether fuzzy matching is on
     * @param comparisons pairs of records scored (blocking's candidates) during this import
     * @param openReviews pairs in the review queue after it, whose records are still in different profiles
     */
    public record Matching(boolean on, long comparisons, long openReviews) {
        public static final Matching OFF = new Matching(false, 0, 0);
    }

    /** The same result with what fuzzy matching did. */
    public ImportResult withMatching(Matching m) {
        return new ImportResult(run, invalidValues, placeholders, suppressed, millis, text, columns, problemsFile, m);
    }

    /**
     * How an import file's bytes were read ({@link TextDecoder}).
     *
     * @param encoding {@code auto}, {@code UTF-16} (by its byte-order mark) or the charset given
     * @param windows1252Lines physical lines that were not valid UTF-8 and were read as Windows-1252 (auto only)
     * @param firstWindows1252Line the first of them, or 0
     */
    public record Text(String encoding, long windows1252Lines, long firstWindows1252Line) {
    }
}
