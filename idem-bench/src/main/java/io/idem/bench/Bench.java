package io.idem.bench;

import java.util.Arrays;

/** Entry point of the benchmark and evaluation tools: {@code ./idem-bench COMMAND ...}. */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "import" -> ImportBenchmark.main(rest);
            case "server-load" -> ServerLoad.main(rest);
            case "evaluate" -> Evaluate.main(rest);
            case "crypto" -> CryptoBenchmark.main(rest);
            default -> {
                usage();
                System.exit(2);
            }
        }
    }

    private static void usage() {
        System.err.println("usage: ./bench import [--records N] [--data DIR] [--keep] [--exact-only]");
        System.err.println("       ./bench server-load identify|lookup --port P --key KEY [--threads C] [--seconds S]");
        System.err.println("       ./bench evaluate febrl1|febrl2|febrl3|febrl4|fake1000|generator|all"
                + " [--datasets DIR] [--persons N] [--show N] [--match P] [--exact-only]");
        System.err.println("       ./bench crypto [--persons N]");
    }
}
