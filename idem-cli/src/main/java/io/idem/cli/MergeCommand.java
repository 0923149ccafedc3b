package io.idem.cli;

import io.idem.core.Engine;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "merge", description = "Assert that two profiles are one person: they merge, earlier split"
        + " decisions between them are lifted, and the decision is remembered. The merged-away id leads to the"
        + " survivor. Undo with 'split'.")
final class MergeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A")
    String a;

    @Parameters(index = "1", paramLabel = "B")
    String b;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Engine engine = data.openEngine()) {
            String survivor = engine.merge(a, b, "user:merge");
            spec.commandLine().getOut().printf("merged %s and %s into %s%n", a, b, survivor);
        }
        return 0;
    }
}
