package io.idem.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** Entry point of the benchmark and evaluation tools: {@code ./bench COMMAND ...}. */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage(System.err);
            System.exit(2);
        }
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            usage(System.out);
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "import" -> ImportBenchmark.main(rest);
                case "open" -> OpenBenchmark.main(rest);
                case "server-load" -> ServerLoad.main(rest);
                case "rate-load" -> RateLoad.main(rest);
                case "evaluate" -> Evaluate.main(rest);
                case "crypto" -> CryptoBenchmark.main(rest);
                default -> throw new IllegalArgumentException("unknown command '" + args[0] + "'");
            }
        } catch (IllegalArgumentException e) {
            // a mistyped option or argument: say what, show the usage, no stack trace
            System.err.println("bench: " + e.getMessage());
            usage(System.err);
            System.exit(2);
        }
    }

    private static void usage(PrintStream out) {
        out.println("usage: ./bench import [--records N] [--data DIR] [--keep] [--exact-only]");
        out.println("       ./bench open [--data DIR] [--exact-only]");
        out.println("       ./bench server-load identify|lookup --port P --key KEY [--threads C] [--seconds S]");
        out.println("       ./bench rate-load identify|lookup --port P --key KEY --rate CALLS_PER_S [--seconds S]"
                + " [--warmup S] [--connections C] [--persons N] [--offset N] [--window N] [--from N]"
                + " [--series]");
        out.println("       ./bench evaluate febrl1|febrl2|febrl3|febrl4|fake1000|generator|all"
                + " [--datasets DIR] [--persons N] [--show N] [--match P] [--review P] [--exact-only] [--diagnose]");
        out.println("       ./bench crypto [--persons N]");
    }
}
