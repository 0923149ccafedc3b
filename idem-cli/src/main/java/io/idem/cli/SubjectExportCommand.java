package io.idem.cli;

import io.idem.core.profile.ProfileView;
import io.idem.core.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "subject-export", description = "Right of access: write everything idem holds about a person"
        + " as JSON (records as received, normalised values, identifiers, golden record, history).")
final class SubjectExportCommand implements Callable<Integer> {

    /** The document handed to the data subject. */
    record SubjectExport(String exportedAt, String requestedBy, List<ProfileView> profiles) {
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    ProfileLookup.Selector selector;

    @Option(names = "--region", paramLabel = "CC", defaultValue = "AR")
    String region;

    @Option(names = "--out", paramLabel = "FILE", description = "write to FILE instead of stdout")
    Path out;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try (Store store = data.openStore()) {
            List<String> ids = ProfileLookup.resolve(store, selector, region);
            List<ProfileView> views = ids.stream().map(id -> ProfileLookup.view(store, id, selector.id, data)).toList();
            String requested = selector.id != null ? selector.id
                    : selector.identifier().getKey().key() + ":" + selector.identifier().getValue();
            String json = Json.write(new SubjectExport(Instant.now().toString(), requested, views));
            if (out == null) {
                spec.commandLine().getOut().println(json);
            } else {
                Files.writeString(out, json + "\n", StandardCharsets.UTF_8);
                spec.commandLine().getErr().println("wrote " + out + " (" + views.size() + " profile(s))");
            }
        }
        return 0;
    }
}
