package io.idem.core.store;

/**
 * The bookkeeping of one import, written with every committed batch so that an interrupted import
 * is visible as {@code running} afterwards.
 */
public record ImportRun(
        String id,
        String source,
        String file,
        long startedAt,
        long finishedAt,
        String status,
        long rowsRead,
        long recordsNew,
        long recordsUpdated,
        long recordsUnchanged,
        long profilesCreated,
        long profilesMerged,
        long identifiersQuarantined,
        long rowsRejected,
        String rejectFile) {
}
