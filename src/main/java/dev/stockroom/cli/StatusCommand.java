package dev.stockroom.cli;

import dev.stockroom.pipeline.StreamStatus;
import dev.stockroom.pipeline.StatusReader;
import dev.stockroom.warehouse.Warehouse;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Per stream: last success, last failure and its error, rows, newest complete day, gaps "
                + "and staleness.",
        footer = {"", "Examples:", "  stockroom status",
                "  stockroom status --fail-if-stale || echo 'data is late'   # for external monitors",
                "", "Exit codes: 0 fine, 4 with --fail-if-stale when a stream is stale."})
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Option(names = "--fail-if-stale", description = "Exit 4 when any stream is stale (a dead man's switch).")
    boolean failIfStale;

    @Override
    public Integer call() throws Exception {
        Project project = Project.load(main.global);
        List<StreamStatus> statuses = new java.util.ArrayList<>();
        if (!project.dialect.exists()) {
            // Nothing has run yet: every stream is "never", which is the truth, not an error.
            System.out.println("No warehouse yet at " + project.dialect.describe() + "; run 'stockroom sync' to load it.");
            for (var source : project.config.sources()) {
                for (var stream : project.streamsOf(source)) {
                    statuses.add(new StreamStatus(source.name(), stream.name(), null, null, null, 0, null, null,
                            List.of(), false));
                }
            }
        } else {
            try (Warehouse warehouse = project.openBookkeeping()) {
                statuses = new StatusReader(project.config, warehouse, Clock.systemUTC(), project::streamsOf).read();
            }
        }
        java.util.Map<String, String> exclusions = project.exclusions();
        System.out.printf("%-28s %-8s %-17s %-17s %10s %-12s %s%n", "STREAM", "HEALTH", "LAST SUCCESS",
                "LAST FAILURE", "ROWS", "NEWEST DAY", "GAPS");
        for (StreamStatus s : statuses) {
            System.out.printf("%-28s %-8s %-17s %-17s %,10d %-12s %s%n", s.source() + "." + s.stream(), s.health(),
                    s.lastSuccessText(), s.lastFailureText(), s.rows(), s.newestDayText(), s.gapsText());
            if (s.lastError() != null && s.failedLast()) {
                System.out.println("    last error: " + s.lastError());
            }
            if (s.warning() != null) {
                System.out.println("    warning: " + s.warning());
            }
            String excluded = exclusions.get(s.source() + "." + s.stream());
            if (excluded != null) {
                System.out.println("    not stored: " + excluded);
            }
            if (s.reconciledAt() != null || s.deletedRows() > 0) {
                System.out.printf("    last complete read %s, %,d rows deleted at the vendor%n", s.reconciledText(),
                        s.deletedRows());
            }
            s.notes().forEach(note -> System.out.println("    " + note));
        }
        boolean stale = statuses.stream().anyMatch(StreamStatus::stale);
        return failIfStale && stale ? ExitCodes.STALE : ExitCodes.OK;
    }
}
