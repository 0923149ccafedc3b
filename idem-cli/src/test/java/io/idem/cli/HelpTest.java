package io.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command, and every subcommand of one, answers {@code --help} with its usage and exit code 0. */
class HelpTest {
    @Test
    void everyCommandAnswersHelp() {
        List<String> names = new ArrayList<>();
        collect(new CommandLine(new Main()), "", names);
        assertThat(names).contains("rematch", "import", "review list", "keys create");
        for (String name : names) {
            List<String> args = new ArrayList<>(List.of(name.split(" ")));
            args.add("--help");
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertThat(r.code()).as(name + ": " + r.err()).isZero();
            assertThat(r.out()).as(name).startsWith("Usage: idem " + name);
        }
    }

    private static void collect(CommandLine cl, String prefix, List<String> out) {
        cl.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommand() instanceof CommandLine.HelpCommand) {
                return;
            }
            out.add(prefix + name);
            collect(sub, prefix + name + " ", out);
        });
    }
}
