package dev.stockroom.cli;

import dev.stockroom.pipeline.RunSummary;
import dev.stockroom.pipeline.SyncOptions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Loads the sources into the warehouse: incremental by default (the lookback up to "
                + "yesterday in each source's timezone), or a backfill with --since / --full.",
                "Each chunk commits with its state, so an interrupted sync resumes where it stopped."},
        footer = {"", "Examples:",
                "  stockroom sync                              # every source, incremental",
                "  stockroom sync site                         # one source",
                "  stockroom sync site.members exports         # a stream and a source",
                "  stockroom sync web --since 2024-01-01       # backfill from a day",
                "  stockroom sync --full                       # everything from the beginning",
                "  stockroom sync --dry-run                    # print what would be read",
                "", "Exit codes: 0 all succeeded, 1 a stream failed (the rest loaded), 2 configuration error,",
                "3 another run holds the lock."})
final class SyncCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "SOURCE[.STREAM]", arity = "0..*", description = "What to sync (default: everything).")
    List<String> selection = new ArrayList<>();

    @Option(names = "--since", paramLabel = "DATE", description = "Backfill from this day (ISO, e.g. 2024-01-31).")
    LocalDate since;

    @Option(names = "--until", paramLabel = "DATE", description = "Stop at this day (default: yesterday).")
    LocalDate until;

    @Option(names = "--full", description = "Backfill from each source's beginning, forgetting saved cursors.")
    boolean full;

    @Option(names = "--dry-run", description = "Print what each stream would read; load nothing.")
    boolean dryRun;

    @Option(names = "--chunk-rows", paramLabel = "N", hidden = true, defaultValue = "100000")
    long chunkRows;

    @Override
    public Integer call() throws Exception {
        Project project = Project.load(main.global);
        SyncOptions options = new SyncOptions(selection, since, until, full, dryRun);
        Selection.check(project, selection);
        ConsoleReport report = new ConsoleReport(main.global.quiet, main.global.verbose)
                .withExclusions(project.exclusions());
        RunSummary summary = new SyncJob(project, report, chunkRows).run(options);
        report.summary(summary);
        return summary.succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
