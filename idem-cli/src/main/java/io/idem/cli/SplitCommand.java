package io.idem.cli;

import io.idem.core.Engine;
import io.idem.core.model.RecordKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "split", description = "Move records of a profile into a profile of their own. The decision is"
        + " remembered: they are never merged back automatically, even when the same evidence arrives again."
        + " The larger part keeps the profile id. Undo with 'merge'.")
final class SplitCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROFILE_ID")
    String profileId;

    @Option(names = "--records", required = true, split = ",", paramLabel = "SOURCE:ID[,...]")
    List<String> records = new ArrayList<>();

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<RecordKey> keys = records.stream().map(RecordKey::parse).toList();
        try (Engine engine = data.openEngine()) {
            String live = engine.store().liveProfileId(profileId).orElse(profileId);
            String moved = engine.split(profileId, keys, "user:split");
            spec.commandLine().getOut().printf("split %d record(s) of %s into %s%n", keys.size(), live, moved);
        }
        return 0;
    }
}
