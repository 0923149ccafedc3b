package io.idem.core.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import io.idem.core.model.RecordKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The {@link Store#stats()} queries and a few other reads, shared by the SQL backends: they differ
 * only in how a backend runs a query, which each passes in.
 */
public final class SqlStats {
    private SqlStats() {
    }

    /** Runs a query without parameters and hands each row to the handler. */
    @FunctionalInterface
    public interface Query {
        void rows(String sql, Row handler);
    }

    /** Reads one row. */
    @FunctionalInterface
    public interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    /**
     * @param textOrder appended to ORDER BY on text columns for a byte-wise order (e.g. {@code COLLATE "C"}), or empty
     */
    public static StoreStats of(Query q, String textOrder) {
        return of(q, textOrder, "profile_id");
    }

    /**
     * @param profileColumn the column profiles are counted by: {@code profile_id}, or a 64-bit hash of it
     *     that an index covers (SQLite: the total is then counted from the index, not the table)
     */
    public static StoreStats of(Query q, String textOrder, String profileColumn) {
        long[] totals = new long[3];
        q.rows("SELECT COUNT(*), COUNT(DISTINCT " + profileColumn + ") FROM records", rs -> {
            totals[0] = rs.getLong(1);
            totals[1] = rs.getLong(2);
        });
        Map<String, Long> recordsBySource = new TreeMap<>();
        Map<String, Long> profilesBySource = new TreeMap<>();
        q.rows("SELECT source, COUNT(*), COUNT(DISTINCT " + profileColumn + ") FROM records GROUP BY source", rs -> {
            recordsBySource.put(rs.getString(1), rs.getLong(2));
            profilesBySource.put(rs.getString(1), rs.getLong(3));
        });
        q.rows("SELECT COUNT(*) FROM aliases", rs -> totals[2] = rs.getLong(1));
        Map<String, Long> flagsByStatus = new TreeMap<>();
        q.rows("SELECT status, COUNT(*) FROM flags GROUP BY status", rs -> flagsByStatus.put(rs.getString(1),
                rs.getLong(2)));
        List<ImportRun> runs = new ArrayList<>();
        q.rows("SELECT id, source, file, started_at, finished_at, status, rows_read, records_new, records_updated,"
                + " records_unchanged, profiles_created, profiles_merged, identifiers_quarantined, rows_rejected,"
                + " reject_file FROM imports ORDER BY started_at, id " + textOrder,
                rs -> runs.add(new ImportRun(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5), rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
                        rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getLong(14), rs.getString(15))));
        return new StoreStats(totals[0], totals[1], recordsBySource, profilesBySource, totals[2], flagsByStatus, runs);
    }

    /** {@link Store#mergedAwayCount()}. */
    public static long mergedAwayCount(Query q) {
        long[] n = new long[1];
        q.rows("SELECT COUNT(*) FROM aliases", rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    /** {@link Store#recordCount()}. */
    public static long recordCount(Query q) {
        long[] n = new long[1];
        q.rows("SELECT COUNT(*) FROM records", rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    /** Which reviews {@link #reviews} reads, and whether with their reasons. */
    public enum Reviews {
        /** {@link Store#reviews()}. */
        ALL,
        /** {@link Store#decidedReviews()}. */
        DECIDED,
        /**
         * {@link Store#reviewHeads()}: every review, reasons left empty (not read, not opened), in the
         * table's order: SQLite walks the table instead of the id index and a table row per entry,
         * 0.45 s instead of 0.81 s for 200,195 rows.
         */
        HEADS
    }

    /** Review ids per statement of {@link #reviews(Query, UnaryOperator, Collection, String)}. */
    private static final int IDS_PER_READ = 500;

    /** {@link Store#reviews()} and its variants, ordered by id; {@code open} opens a sealed reason. */
    public static List<PairReview> reviews(Query q, UnaryOperator<String> open, Reviews which, String textOrder) {
        List<PairReview> out = new ArrayList<>();
        String where = which == Reviews.DECIDED
                ? " WHERE status IN ('" + PairReview.ACCEPTED + "', '" + PairReview.REJECTED + "')" : "";
        read(q, which == Reviews.HEADS ? s -> "" : open, which == Reviews.HEADS ? "''" : "reason", where,
                which == Reviews.HEADS ? null : textOrder, out);
        return out;
    }

    /** {@link Store#reviews(Collection)}: the chosen reviews whole, a few hundred per statement. */
    public static List<PairReview> reviews(Query q, UnaryOperator<String> open, Collection<String> ids,
            String textOrder) {
        List<String> list = new ArrayList<>(new java.util.TreeSet<>(ids));
        List<PairReview> out = new ArrayList<>(list.size());
        for (int from = 0; from < list.size(); from += IDS_PER_READ) {
            StringBuilder in = new StringBuilder(" WHERE id IN (");
            for (int i = from; i < Math.min(list.size(), from + IDS_PER_READ); i++) {
                // ids are the engine's own (letters and digits); quoted as SQL text all the same
                in.append(i == from ? "" : ", ").append('\'').append(list.get(i).replace("'", "''")).append('\'');
            }
            read(q, open, "reason", in.append(')').toString(), textOrder, out);
        }
        out.sort(java.util.Comparator.comparing(PairReview::id));
        return out;
    }

    /** {@code textOrder} {@code null}: in no particular order. */
    private static void read(Query q, UnaryOperator<String> open, String reason, String where, String textOrder,
            List<PairReview> out) {
        q.rows("SELECT id, a_source, a_id, b_source, b_id, score, " + reason + ", status, at FROM reviews" + where
                + (textOrder == null ? "" : " ORDER BY id " + textOrder),
                rs -> out.add(new PairReview(rs.getString(1), new RecordKey(rs.getString(2), rs.getString(3)),
                        new RecordKey(rs.getString(4), rs.getString(5)), rs.getDouble(6), open.apply(rs.getString(7)),
                        rs.getString(8), rs.getLong(9))));
    }
}
