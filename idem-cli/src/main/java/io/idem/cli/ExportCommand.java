package io.idem.cli;

import io.idem.core.IdemException;
import io.idem.core.ingest.Csv;
import io.idem.core.model.Field;
import io.idem.core.model.FieldKind;
import io.idem.core.model.Identifier;
import io.idem.core.normalize.Placeholders;
import io.idem.core.profile.BestName;
import io.idem.core.store.Store;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "export", description = "Write CSV on stdout: 'records' (source,record_id,profile_id),"
        + " 'profiles' (one line per profile with best name, identifiers and record count) or 'problems' (every"
        + " stored value kept but not usable, and every placeholder identifier, with its record).")
final class ExportCommand implements Callable<Integer> {
    static final FieldKind[] ID_KINDS = {FieldKind.EMAIL, FieldKind.PHONE, FieldKind.DOCUMENT, FieldKind.LOYALTY_ID,
        FieldKind.CUSTOMER_ID, FieldKind.DEVICE_ID, FieldKind.SOCIAL_ID};

    @Parameters(index = "0", paramLabel = "records|profiles|problems")
    String what;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() throws IOException {
        if (!List.of("records", "profiles", "problems").contains(what)) {
            throw new IdemException.InvalidInput("export: unknown '" + what
                    + "', expected 'records', 'profiles' or 'problems'");
        }
        Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        try (Store store = data.openStore()) {
            switch (what) {
                case "records" -> exportRecords(store, out);
                case "profiles" -> exportProfiles(store, out);
                default -> exportProblems(store, data.blocklist(), out);
            }
        }
        out.flush();
        return 0;
    }

    static void exportRecords(Store store, Writer out) throws IOException {
        out.write("source,record_id,profile_id\n");
        store.scan(r -> write(out, Csv.line(r.record().key().source(), r.record().key().recordId(), r.profileId())));
    }

    /**
     * Every stored value that is kept but not usable (its problem as the import found it) and every
     * identifier on the placeholder blocklist: the data-quality work list of a base, by record.
     */
    static void exportProblems(Store store, Placeholders blocklist, Writer out) throws IOException {
        out.write("source,record_id,profile_id,column,kind,value,problem\n");
        store.scan(r -> {
            for (Field f : r.record().fields()) {
                String problem = f.problem();
                if (problem == null && f.kind().isIdentifier() && f.normalized() != null) {
                    String reason = blocklist.reason(new Identifier(f.kind(), f.normalized()));
                    problem = reason;
                }
                if (problem != null) {
                    write(out, Csv.line(r.record().key().source(), r.record().key().recordId(), r.profileId(),
                            f.column(), f.kind().key(), f.raw(), problem));
                }
            }
        });
    }

    /** Per-profile accumulator: small, so a million records fit. */
    private static final class Acc {
        final Map<String, Integer> names = new HashMap<>(2);
        final EnumMap<FieldKind, TreeSet<String>> ids = new EnumMap<>(FieldKind.class);
        final TreeSet<String> sources = new TreeSet<>();
        int records;
    }

    static void exportProfiles(Store store, Writer out) throws IOException {
        Map<String, Acc> profiles = new TreeMap<>();
        store.scan(r -> {
            Acc a = profiles.computeIfAbsent(r.profileId(), k -> new Acc());
            a.records++;
            a.sources.add(r.record().key().source());
            String n = BestName.nameOf(r.record());
            if (n != null) {
                a.names.merge(n, 1, Integer::sum);
            }
            for (Identifier id : r.record().identifiers()) {
                a.ids.computeIfAbsent(id.kind(), k -> new TreeSet<>()).add(id.value());
            }
        });
        List<String> header = new ArrayList<>(List.of("profile_id", "name"));
        for (FieldKind k : ID_KINDS) {
            header.add(k.key() + "s");
        }
        header.add("records");
        header.add("sources");
        out.write(Csv.line(header.toArray(String[]::new)));
        for (Map.Entry<String, Acc> e : profiles.entrySet()) {
            Acc a = e.getValue();
            List<String> row = new ArrayList<>();
            row.add(e.getKey());
            row.add(best(a.names));
            for (FieldKind k : ID_KINDS) {
                row.add(String.join("|", a.ids.getOrDefault(k, new TreeSet<>())));
            }
            row.add(Integer.toString(a.records));
            row.add(String.join("|", a.sources));
            out.write(Csv.line(row.toArray(String[]::new)));
        }
    }

    private static String best(Map<String, Integer> names) {
        String best = "";
        int count = 0;
        for (Map.Entry<String, Integer> e : new TreeMap<>(names).entrySet()) {
            if (e.getValue() > count || (e.getValue() == count && e.getKey().length() > best.length())) {
                best = e.getKey();
                count = e.getValue();
            }
        }
        return best;
    }

    private static void write(Writer out, String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
