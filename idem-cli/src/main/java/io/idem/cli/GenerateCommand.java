package io.idem.cli;

import io.idem.core.generate.Generator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "generate", description = "Write a synthetic multichannel customer base: one CSV per channel"
        + " (Spanish headers) plus truth.csv (source,record_id,person_id).")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--persons", required = true, paramLabel = "N")
    int persons;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (persons < 1) {
            throw new io.idem.core.IdemException.InvalidInput("--persons must be at least 1, was " + persons);
        }
        var summary = new Generator(seed).generate(persons, out);
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "generated %,d records of %,d persons in %s%n", summary.totalRecords(), persons, out);
        summary.recordsBySource().forEach((src, n) -> w.printf(Locale.ROOT, "  %-14s %,10d%n", src + ".csv", n));
        w.printf(Locale.ROOT, "  truth: %s%n", summary.truthFile());
        return 0;
    }
}
