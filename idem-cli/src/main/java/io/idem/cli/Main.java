package io.idem.cli;

import io.idem.core.IdemException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code idem} command line. Exit codes: 0 ok, 1 failure, 2 bad usage or input, 3 not found. */
@Command(name = "idem", mixinStandardHelpOptions = true, version = "idem 0.1.0",
        description = "One profile per real customer: multi-identifier customer resolution.",
        subcommands = {ImportCommand.class, ExportCommand.class, ProfileCommand.class, StatsCommand.class,
                DemoCommand.class, GenerateCommand.class, HistoryCommand.class, SubjectExportCommand.class, EraseCommand.class,
                ServeCommand.class, KeysCommand.class, ExplainCommand.class, ReviewCommand.class, SplitCommand.class,
                MergeCommand.class, ReprocessCommand.class, RematchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line with the given outputs; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        withHelp(cl);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof IdemException.InvalidInput || ex instanceof IdemException.Configuration) {
                err.println("idem: " + ex.getMessage());
                return 2;
            }
            if (ex instanceof IdemException.NotFound) {
                err.println("idem: " + ex.getMessage());
                return 3;
            }
            if (ex instanceof IdemException) {
                err.println("idem: " + ex.getMessage());
                return 1;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    /** {@code --help} (and {@code --version}) on every command, as on {@code idem} itself: {@code idem rematch --help}. */
    private static void withHelp(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!(sub.getCommand() instanceof CommandLine.HelpCommand) && !sub.getCommandSpec().mixinStandardHelpOptions()) {
                sub.getCommandSpec().mixinStandardHelpOptions(true);
            }
            withHelp(sub);
        }
    }
}
