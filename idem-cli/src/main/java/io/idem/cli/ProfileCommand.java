package io.idem.cli;

import io.idem.core.store.Store;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "profile", description = "Print a profile as JSON: golden record, identifiers with their sources,"
        + " attributes, records and history. Find it by id or by any identifier (normalised like imports).")
final class ProfileCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    ProfileLookup.Selector selector;

    @Option(names = "--region", paramLabel = "CC", defaultValue = "AR",
            description = "default country to normalise --phone and --document (default: ${DEFAULT-VALUE})")
    String region;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Store store = data.openStore()) {
            List<String> ids = ProfileLookup.resolve(store, selector, region);
            Object out = ids.size() == 1
                    ? ProfileLookup.view(store, ids.get(0), selector.id, data)
                    : ids.stream().map(id -> ProfileLookup.view(store, id, null, data)).toList();
            spec.commandLine().getOut().println(Json.write(out));
        }
        return 0;
    }
}
