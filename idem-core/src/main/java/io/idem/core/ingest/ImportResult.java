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
 */
public record ImportResult(ImportRun run, Map<String, Long> invalidValues, long placeholders, long suppressed, long millis) {
}
