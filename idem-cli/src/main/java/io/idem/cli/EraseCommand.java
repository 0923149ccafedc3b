package io.idem.cli;

import io.idem.core.Engine;
import io.idem.core.ErasureReport;
import io.idem.core.IdemException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "erase", description = "Right to erasure: delete every record, event and identifier of a person,"
        + " keep only keyed hashes of the identifiers so old files do not bring them back. Prints counts only.")
final class EraseCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    ProfileLookup.Selector selector;

    @Option(names = "--region", paramLabel = "CC", defaultValue = "AR")
    String region;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Engine engine = data.openEngine()) {
            List<String> ids = ProfileLookup.resolve(engine.store(), selector, region);
            if (ids.size() > 1) {
                throw new IdemException.InvalidInput("the identifier is carried by " + ids.size() + " profiles ("
                        + String.join(", ", ids) + "); erase the right one by its id");
            }
            String id = selector.id != null ? selector.id : ids.get(0);
            ErasureReport report = engine.erase(id, "cli:erase", data.data.resolve("rejects"));
            spec.commandLine().getOut().println(Json.write(report));
        }
        return 0;
    }
}
