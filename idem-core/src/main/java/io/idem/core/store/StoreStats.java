package io.idem.core.store;

import java.util.List;
import java.util.Map;

/** Counts a store can give without loading the engine. */
public record StoreStats(
        long records,
        long profiles,
        Map<String, Long> recordsBySource,
        Map<String, Long> profilesBySource,
        long mergedAway,
        Map<String, Long> flagsByStatus,
        List<ImportRun> imports) {
}
