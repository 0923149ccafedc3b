package io.idem.core.ingest;

import io.idem.core.model.Field;
import io.idem.core.model.FieldKind;
import io.idem.core.model.Identifier;
import io.idem.core.model.SourceRecord;
import io.idem.core.normalize.Normalizers;
import io.idem.core.normalize.Placeholders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an import of a file would read, without importing it ({@code import --dry-run}): every row is
 * parsed and normalised exactly as an import does, and nothing is stored or written. For a new
 * source, before its rows enter the store: which column became what, how many values of each are
 * usable, and which rows would be rejected and why.
 *
 * @param rowsRead data rows (blank lines skipped)
 * @param rowsRejected rows an import would reject (malformed, no record id, duplicate id...)
 * @param rejectReasons per reason, how many rows (reasons without their line-specific part)
 * @param firstRejects the first few rejected rows: line and reason
 * @param columns per column, in header order: its kind and counts
 * @param firstProblems the first few values kept but not usable: line, column, value, problem
 * @param text how the file's bytes were read
 */
public record FileCheck(long rowsRead, long rowsRejected, Map<String, Long> rejectReasons, List<String> firstRejects,
        List<Column> columns, List<String> firstProblems, ImportResult.Text text) {

    /** How many examples are kept of rejects and of problems. */
    static final int EXAMPLES = 5;

    /**
     * One column.
     *
     * @param kind what it became ({@link FieldKind#key}, or {@code record_id})
     * @param filled rows with a value in it
     * @param usable values that normalised (for identifiers: that can link, placeholders excepted)
     * @param notUsable values kept but not usable (an invalid e-mail, an impossible date)
     * @param placeholders identifier values on the blocklist ({@code test@test.com}, {@code 0000000000})
     * @param example the first value of the column, as received ({@code ""} when it is always empty)
     */
    public record Column(String name, String kind, long filled, long usable, long notUsable, long placeholders,
            String example) {
    }

    /** Reads {@code req}'s file as an import would, with these normalisers and blocklist. */
    public static FileCheck of(ImportRequest req, Normalizers normalizers, Placeholders blocklist) {
        try (CsvReader csv = CsvReader.open(req.file(), req.encoding())) {
            String[] header = csv.header();
            ColumnMapping mapping = ColumnMapping.of(header, req.idColumn(), req.overrides());
            RowParser parser = new RowParser(mapping, normalizers, req.source());
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < mapping.width(); i++) {
                index.put(mapping.column(i), i);
            }
            long[][] counts = new long[mapping.width()][4];
            String[] examples = new String[mapping.width()];
            Map<String, Long> reasons = new TreeMap<>();
            List<String> rejects = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            Map<String, Long> seenIds = new HashMap<>();
            long rows = 0;
            long rejected = 0;
            CsvReader.Row row;
            while ((row = csv.next()) != null) {
                rows++;
                RowParser.Parsed p = parser.parse(row, rows, 0);
                String reject = p.reject();
                if (reject == null) {
                    Long first = seenIds.putIfAbsent(p.record().key().recordId(), row.line());
                    if (first != null) {
                        reject = "duplicate record id '" + p.record().key().recordId() + "' (first seen on line "
                                + first + ")";
                    }
                }
                for (int i = 0; i < Math.min(examples.length, row.fields().length); i++) {
                    if (examples[i] == null && !row.fields()[i].isEmpty()) {
                        examples[i] = row.fields()[i];
                    }
                }
                if (reject != null) {
                    rejected++;
                    reasons.merge(reject.replaceAll("'[^']*'|\\d+", "_"), 1L, Long::sum);
                    if (rejects.size() < EXAMPLES) {
                        rejects.add("line " + row.line() + ": " + reject);
                    }
                    continue;
                }
                tally(p.record(), index, counts, blocklist, row.line(), problems);
            }
            if (mapping.idColumn() >= 0 && !mapping.keeps(mapping.idColumn())) {
                counts[mapping.idColumn()][0] = rows - rejected;
                counts[mapping.idColumn()][1] = rows - rejected;
            }
            List<Column> columns = new ArrayList<>();
            Map<String, String> kinds = mapping.columns();
            for (int i = 0; i < mapping.width(); i++) {
                columns.add(new Column(mapping.column(i), kinds.get(mapping.column(i)), counts[i][0], counts[i][1],
                        counts[i][2], counts[i][3], examples[i] == null ? "" : examples[i]));
            }
            return new FileCheck(rows, rejected, new LinkedHashMap<>(reasons), rejects, columns, problems,
                    csv.text());
        }
    }

    private static void tally(SourceRecord record, Map<String, Integer> index, long[][] counts, Placeholders blocklist,
            long line, List<String> problems) {
        String last = null;
        for (Field f : record.fields()) {
            Integer i = index.get(f.column());
            if (i == null) {
                continue;
            }
            // a cell listing several values gives several fields of one column: one filled cell
            if (!f.column().equals(last)) {
                counts[i][0]++;
            }
            last = f.column();
            if (f.problem() != null) {
                counts[i][2]++;
                if (problems.size() < EXAMPLES) {
                    problems.add("line " + line + ", " + f.column() + " '" + f.raw() + "': " + f.problem());
                }
            } else if (f.normalized() != null) {
                if (f.kind().isIdentifier() && blocklist.reason(new Identifier(f.kind(), f.normalized())) != null) {
                    counts[i][3]++;
                } else {
                    counts[i][1]++;
                }
            }
        }
    }
}
