package io.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idem.core.ingest.CsvReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated messy files through the real {@code import}: stray and unclosed quotes, rows a field
 * short or long, empty and repeated ids, notes over several lines, blank lines, CRLF, control
 * characters, bytes that are not UTF-8, long values. Whatever a row holds, it must be either a
 * stored record or a line of the reject file (file, line, reason): the counts add up, every
 * well-formed row is stored, and importing the file again stores nothing new. The seed is fixed.
 */
class ImportFuzzTest {
    private static final String[] HEADER = {"id", "nombre", "apellido", "email", "telefono", "dni",
            "fecha_nacimiento", "notas"};
    private static final String[] NAMES = {"Ana", "Luis", "María José", "Núñez", "Pérez García", "O'Brien", "Sol"};
    @TempDir
    Path dir;

    /** One generated row: its id (or null), the line it starts on, and whether it is well formed. */
    private record Written(String id, long line, boolean wellFormed) {
    }

    @Test
    void everyRowIsStoredOrRejectedWithItsLineAndNothingTwice() throws IOException {
        Random random = new Random(7_2026_12_08L);
        for (int file = 0; file < 8; file++) {
            List<Written> rows = new ArrayList<>();
            Path csv = dir.resolve("tienda-" + file + ".csv");
            long physical = write(csv, random, 250, rows);
            String source = "s" + file;
            Path rejects = dir.resolve("rejects-" + file + ".csv");
            String data = dir.resolve("data").toString();
            Cli.Result r = Cli.run("import", csv.toString(), "--source", source, "--id", "id", "--json", "--rejects",
                    rejects.toString(), "--data", data);
            assertThat(r.code()).as(csv + ": " + r.err()).isZero();
            JsonNode run = new ObjectMapper().readTree(r.out()).get("run");
            long read = run.get("rows_read").asLong();
            long rejected = run.get("rows_rejected").asLong();
            assertThat(run.get("records_new").asLong() + run.get("records_updated").asLong()
                    + run.get("records_unchanged").asLong() + rejected).as(csv + ": " + run).isEqualTo(read);

            Map<Long, String> rejectedLines = rejectedLines(rejects, csv, physical);
            assertThat((long) rejectedLines.size()).as(csv + ": rejected lines").isEqualTo(rejected);
            Set<String> stored = stored(data, source);
            assertThat((long) stored.size()).as(csv.toString()).isEqualTo(run.get("records_new").asLong());
            for (Written w : rows) {
                boolean kept = w.id() != null && stored.contains(w.id());
                if (w.wellFormed()) {
                    assertThat(kept).as(csv + ": well-formed row of line " + w.line() + " stored").isTrue();
                    assertThat(rejectedLines).as(csv + ": line " + w.line()).doesNotContainKey(w.line());
                } else {
                    assertThat(kept || rejectedLines.containsKey(w.line()))
                            .as(csv + ": row of line " + w.line() + " stored or rejected").isTrue();
                }
            }

            Cli.Result again = Cli.run("import", csv.toString(), "--source", source, "--id", "id", "--json",
                    "--rejects", dir.resolve("again-" + file + ".csv").toString(), "--data", data);
            JsonNode second = new ObjectMapper().readTree(again.out()).get("run");
            assertThat(second.get("records_new").asLong()).as(csv + ": again").isZero();
            assertThat(second.get("records_updated").asLong()).as(csv + ": again").isZero();
            assertThat(second.get("rows_rejected").asLong()).isEqualTo(rejected);
            assertThat(stored(data, source)).isEqualTo(stored);
        }
    }

    /** Writes a messy file; returns its number of physical lines. */
    private static long write(Path file, Random random, int count, List<Written> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(String.join(",", HEADER)).append('\n');
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        long line = 2;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (random.nextInt(15) == 0) { // blank lines are no rows
                out.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
                line++;
                continue;
            }
            String id = "R" + i;
            String[] f = {id, pick(random, NAMES), pick(random, NAMES), "c" + i + "@correo.com.ar",
                    "011 4" + (100 + random.nextInt(900)) + "-" + (1000 + random.nextInt(9000)),
                    String.valueOf(20_000_000 + random.nextInt(30_000_000)), "1980-0" + (1 + random.nextInt(9)) + "-1"
                    + random.nextInt(10), "nota " + i};
            boolean wellFormed = true;
            String written = null;
            byte[] raw = null;
            String eol = random.nextInt(6) == 0 ? "\r\n" : "\n";
            switch (random.nextInt(16)) {
                case 0 -> f[1] = f[1] + " \"el Tano"; // a quote inside a field is a character
                case 1 -> f[7] = "\"primera línea\nsegunda, con coma\ntercera\""; // quoted over lines
                case 2 -> { // a quote opened and never closed
                    f[1] = "\"" + f[1];
                    wellFormed = false;
                }
                case 3 -> { // a field short
                    written = String.join(",", java.util.Arrays.copyOf(f, 5));
                    wellFormed = false;
                }
                case 4 -> { // a field too many
                    written = String.join(",", f) + ",extra";
                    wellFormed = false;
                }
                case 5 -> written = String.join(",", f) + ","; // a delimiter at the end: nothing lost
                case 6 -> { // no id
                    f[0] = "";
                    wellFormed = false;
                }
                case 7 -> { // an id seen before
                    if (!ids.isEmpty()) {
                        f[0] = ids.get(random.nextInt(ids.size()));
                        wellFormed = false;
                    }
                }
                case 8 -> { // control characters and a bad e-mail: kept, reported as problems
                    f[7] = "tab\tand\u0007bell";
                    f[3] = "no-es-un-mail";
                    wellFormed = false;
                }
                case 9 -> { // bytes that are not UTF-8 (a spreadsheet's Windows-1252)
                    raw = (String.join(",", f).replace("nota", "nota ") + eol).getBytes(StandardCharsets.UTF_8);
                    byte[] latin = new byte[raw.length + 1];
                    System.arraycopy(raw, 0, latin, 0, raw.length - eol.length());
                    latin[raw.length - eol.length()] = (byte) 0xF1; // ñ in Windows-1252
                    System.arraycopy(eol.getBytes(StandardCharsets.UTF_8), 0, latin, raw.length - eol.length() + 1,
                            eol.length());
                    raw = latin;
                }
                case 10 -> f[7] = "x".repeat(random.nextInt(3) == 0 ? 20_000 : 900); // long values
                case 11 -> f[1] = "\"" + f[1] + ", con coma\""; // a quoted delimiter
                case 12 -> { // junk after a closing quote
                    f[2] = "\"" + f[2] + "\"x";
                    wellFormed = false;
                }
                default -> { }
            }
            if (written == null) {
                written = String.join(",", f);
            }
            if (raw == null) {
                raw = (written + eol).getBytes(StandardCharsets.UTF_8);
            }
            rows.add(new Written(f[0].isEmpty() ? null : f[0], line, wellFormed));
            if (!f[0].isEmpty() && !ids.contains(f[0])) {
                ids.add(f[0]);
            }
            out.writeBytes(raw);
            line += written.chars().filter(c -> c == '\n').count() + 1;
        }
        Files.write(file, out.toByteArray());
        return line - 1;
    }

    private static String pick(Random random, String[] from) {
        return from[random.nextInt(from.length)];
    }

    /** The reject file's rows by line: each of this file, at a line it has, with a reason. */
    private static Map<Long, String> rejectedLines(Path rejects, Path csv, long physical) throws IOException {
        Map<Long, String> out = new HashMap<>();
        if (!Files.exists(rejects)) {
            return out;
        }
        try (CsvReader reader = new CsvReader(new StringReader(Files.readString(rejects)))) {
            assertThat(reader.header()).containsExactly("file", "line", "reason", "row");
            for (CsvReader.Row row; (row = reader.next()) != null; ) {
                assertThat(row.error()).as(row.text()).isNull();
                assertThat(row.fields()[0]).isEqualTo(csv.toString());
                long line = Long.parseLong(row.fields()[1]);
                assertThat(line).as(row.text()).isBetween(2L, physical);
                assertThat(row.fields()[2]).as(row.text()).isNotBlank();
                assertThat(out.put(line, row.fields()[2])).as("line " + line + " rejected twice").isNull();
            }
        }
        return out;
    }

    private static Set<String> stored(String data, String source) {
        Set<String> ids = new HashSet<>();
        for (String l : ImportCommandTest.captureStdout("export", "records", "--data", data).split("\n")) {
            String[] p = l.split(",");
            if (p.length == 3 && p[0].equals(source)) {
                assertThat(ids.add(p[1])).as("record " + p[1] + " exported twice").isTrue();
            }
        }
        return ids;
    }
}
