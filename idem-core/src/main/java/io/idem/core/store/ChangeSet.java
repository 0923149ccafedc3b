package io.idem.core.store;

import io.idem.core.model.RecordKey;
import java.util.List;
import java.util.Map;

/**
 * Everything one resolution step changed, applied by a {@link Store} atomically.
 *
 * @param records new records, with their profile
 * @param replacements records that exist and whose content changed
 * @param moves records whose content did not change but whose profile did: key to new profile id
 * @param aliases merged-away profile id to the id that absorbed it
 * @param log resolution log lines to append
 * @param flags identifier status changes
 * @param run import bookkeeping to upsert, or {@code null}
 * @param reviews pairs for the review queue and review decisions, upserted by {@link PairReview#id()}
 * @param links records whose content did not change but whose fuzzy match links did: key to the new
 *     links (see {@link KeyedRecord#links})
 */
public record ChangeSet(
        List<StoredRecord> records,
        List<StoredRecord> replacements,
        Map<RecordKey, String> moves,
        Map<String, String> aliases,
        List<LogEntry> log,
        List<ValueFlag> flags,
        ImportRun run,
        List<PairReview> reviews,
        Map<RecordKey, String> links) {

    public ChangeSet {
        links = Map.copyOf(links);
        records = List.copyOf(records);
        replacements = List.copyOf(replacements);
        moves = Map.copyOf(moves);
        aliases = Map.copyOf(aliases);
        log = List.copyOf(log);
        flags = List.copyOf(flags);
        reviews = List.copyOf(reviews);
    }

    /** A change set without changed links. */
    public ChangeSet(List<StoredRecord> records, List<StoredRecord> replacements, Map<RecordKey, String> moves,
            Map<String, String> aliases, List<LogEntry> log, List<ValueFlag> flags, ImportRun run,
            List<PairReview> reviews) {
        this(records, replacements, moves, aliases, log, flags, run, reviews, Map.of());
    }

    /** A change set without reviews. */
    public ChangeSet(List<StoredRecord> records, List<StoredRecord> replacements, Map<RecordKey, String> moves,
            Map<String, String> aliases, List<LogEntry> log, List<ValueFlag> flags, ImportRun run) {
        this(records, replacements, moves, aliases, log, flags, run, List.of());
    }

    /** A change set with only bookkeeping or only some parts; empty lists and maps elsewhere. */
    public static ChangeSet of(List<StoredRecord> records, Map<String, String> aliases, List<LogEntry> log,
            List<ValueFlag> flags, ImportRun run) {
        return new ChangeSet(records, List.of(), Map.of(), aliases, log, flags, run);
    }

    public ChangeSet withRun(ImportRun newRun) {
        return new ChangeSet(records, replacements, moves, aliases, log, flags, newRun, reviews, links);
    }

    public boolean isEmpty() {
        return records.isEmpty() && replacements.isEmpty() && moves.isEmpty() && aliases.isEmpty() && log.isEmpty() && flags.isEmpty()
                && run == null && reviews.isEmpty() && links.isEmpty();
    }
}
