package dev.stockroom.cli;

import dev.stockroom.config.ConfigException;
import dev.stockroom.config.RedactingStream;
import dev.stockroom.pipeline.LockedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code stockroom}: the one executable. */
@Command(name = "stockroom", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A data warehouse a one-person business can run: pulls every source into one SQL "
                + "database, keeps it right, tells you when it breaks.",
        subcommands = {InitCommand.class, CheckCommand.class, SyncCommand.class, StatusCommand.class,
                SqlCommand.class, DemoCommand.class, ServeCommand.class, ScheduleCommand.class, CrontabCommand.class, DigestCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 all streams succeeded; 1 some stream failed; 2 usage or configuration error;",
                "3 another run holds the lock; 4 status --fail-if-stale found a stale stream.",
                "", "Examples:", "  stockroom init", "  stockroom sync", "  stockroom sync site.members --since 2024-01-01",
                "  stockroom sql \"SELECT count(*) FROM site.members\""})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Declared here, inherited by every subcommand: accepted before or after the command's name. */
    @CommandLine.Mixin
    GlobalOptions global;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs a command line and returns the exit code (tests call this). Everything it prints passes
     * the console's redaction ({@link RedactingStream}), whoever prints it.
     */
    public static int run(String... args) {
        java.io.PrintStream out = System.out;
        java.io.PrintStream err = System.err;
        System.setOut(RedactingStream.around(out));
        System.setErr(RedactingStream.around(err));
        try {
            return execute(args);
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException) {
                commandLine.getErr().println("stockroom: " + e.getMessage());
                return ExitCodes.CONFIG;
            }
            if (e instanceof LockedException || e instanceof dev.stockroom.warehouse.WarehouseBusyException) {
                commandLine.getErr().println("stockroom: " + e.getMessage());
                return ExitCodes.LOCKED;
            }
            commandLine.getErr().println("stockroom: " + e.getMessage());
            if (Boolean.getBoolean("stockroom.verbose")) {
                java.io.StringWriter trace = new java.io.StringWriter();
                e.printStackTrace(new java.io.PrintWriter(trace));
                commandLine.getErr().print(trace);
            }
            return ExitCodes.FAILED;
        });
        try {
            return cli.execute(args);
        } catch (Error e) {
            // Errors skip picocli's handler; without --verbose they get one line with advice, not a trace.
            if (Boolean.getBoolean("stockroom.verbose")) {
                e.printStackTrace();
            }
            System.err.println("stockroom: " + JvmErrors.explain(e));
            return ExitCodes.FAILED;
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
