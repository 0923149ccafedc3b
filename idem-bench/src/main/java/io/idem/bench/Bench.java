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
            default -> {
                usage();
                System.exit(2);
            }
        }
    }

    private static void usage() {
        System.err.println("usage: ./bench import [--records N] [--data DIR] [--keep]");
    }
}
