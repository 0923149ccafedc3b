package io.idem.bench;

import io.idem.core.generate.Generator;
import io.idem.core.ingest.ColumnMapping;
import io.idem.core.ingest.CsvReader;
import io.idem.core.ingest.RowParser;
import io.idem.core.model.Identifier;
import io.idem.core.model.SourceRecord;
import io.idem.core.normalize.Normalizers;
import io.idem.core.privacy.AtRest;
import io.idem.core.privacy.KeyFile;
import io.idem.core.resolve.ResolutionKeys;
import io.idem.core.store.RecordCodec;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What encryption at rest costs per record, on one thread: sealing a generated record's fields and
 * resolution keys (AES-256-GCM) and keying its identifiers for the index (HMAC-SHA256), as the
 * store does on every write; and opening them again, as a load or a read does. The import
 * benchmark measures the effect end to end; this isolates the CPU it adds.
 */
final class CryptoBenchmark {
    private CryptoBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int persons = 50_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--persons" -> persons = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (usage: ./bench crypto [--persons N])");
            }
        }
        Path dir = Files.createTempDirectory("idem-crypto");
        new Generator(42).generate(persons, dir.resolve("input"));
        List<SourceRecord> records = new ArrayList<>();
        Normalizers normalizers = new Normalizers("AR");
        for (String channel : ImportBenchmark.CHANNELS) {
            try (Reader in = Files.newBufferedReader(dir.resolve("input").resolve(channel + ".csv"),
                    StandardCharsets.UTF_8); CsvReader csv = new CsvReader(in)) {
                RowParser parser = new RowParser(ColumnMapping.of(csv.header(), "id", Map.of()), normalizers, channel);
                CsvReader.Row row;
                while ((row = csv.next()) != null) {
                    SourceRecord r = parser.parse(row, row.line(), 0).record();
                    if (r != null) {
                        records.add(r);
                    }
                }
            }
        }
        List<String> fields = new ArrayList<>(records.size());
        List<String> keys = new ArrayList<>(records.size());
        long identifiers = 0;
        for (SourceRecord r : records) {
            fields.add(RecordCodec.encode(r.fields()));
            keys.add(ResolutionKeys.of(r).encode());
            identifiers += r.identifiers().size();
        }
        AtRest atRest = AtRest.current(KeyFile.loadOrCreate(dir.resolve("idem.keys")));
        String[] sealedFields = new String[records.size()];
        String[] sealedKeys = new String[records.size()];
        double bestSeal = Double.MAX_VALUE;
        double bestOpen = Double.MAX_VALUE;
        long sink = 0;
        for (int round = 0; round < 7; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < records.size(); i++) {
                sealedFields[i] = atRest.seal(fields.get(i));
                sealedKeys[i] = atRest.seal(keys.get(i));
                for (Identifier id : records.get(i).identifiers()) {
                    sink += atRest.index(id.key());
                }
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < records.size(); i++) {
                sink += atRest.open(sealedFields[i]).length() + atRest.open(sealedKeys[i]).length();
            }
            long t2 = System.nanoTime();
            bestSeal = Math.min(bestSeal, (t1 - t0) / 1000.0 / records.size());
            bestOpen = Math.min(bestOpen, (t2 - t1) / 1000.0 / records.size());
        }
        long plainBytes = 0;
        long sealedBytes = 0;
        for (int i = 0; i < records.size(); i++) {
            plainBytes += fields.get(i).length() + keys.get(i).length();
            sealedBytes += sealedFields[i].length() + sealedKeys[i].length();
        }
        System.out.printf(Locale.ROOT, "%,d generated records, %.2f identifiers each, %d bytes of fields+keys each%n",
                records.size(), (double) identifiers / records.size(), plainBytes / records.size());
        System.out.printf(Locale.ROOT, "seal fields+keys and key the identifiers: %.2f us/record (best of 7, one thread)%n",
                bestSeal);
        System.out.printf(Locale.ROOT, "open fields+keys:                          %.2f us/record%n", bestOpen);
        System.out.printf(Locale.ROOT, "stored size: %d bytes/record sealed vs %d plain (+%.0f%%)%n",
                sealedBytes / records.size(), plainBytes / records.size(),
                100.0 * (sealedBytes - plainBytes) / plainBytes);
        if (sink == 42) {
            System.out.println();
        }
        ImportBenchmark.deleteTree(dir);
    }
}
