package dev.stockroom.cli;

import dev.stockroom.dashboard.TileAlerts;
import dev.stockroom.pipeline.LockedException;
import dev.stockroom.pipeline.RunListener;
import dev.stockroom.pipeline.RunSummary;
import dev.stockroom.pipeline.StreamResult;
import dev.stockroom.pipeline.Sync;
import dev.stockroom.pipeline.SyncOptions;
import dev.stockroom.warehouse.RunLog;
import dev.stockroom.warehouse.Warehouse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * One complete run as cron or the daemon does it: load, then build the models, then notify.
 * Shared by {@code sync}, {@code schedule} and {@code demo}.
 */
final class SyncJob {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SyncJob.class);

    private final Project project;
    private final ConsoleReport report;
    private final long chunkRows;
    private final Clock clock;

    SyncJob(Project project, ConsoleReport report, long chunkRows) {
        this(project, report, chunkRows, Clock.systemUTC());
    }

    SyncJob(Project project, ConsoleReport report, long chunkRows, Clock clock) {
        this.project = project;
        this.report = report;
        this.chunkRows = chunkRows;
        this.clock = clock;
    }

    /**
     * @throws LockedException when another run holds a selected source (exit code 3)
     */
    RunSummary run(SyncOptions options) throws Exception {
        RunListener listener = RunListener.all(options.dryRun() ? List.of(report) : List.of(report, project.notifiers));
        RunSummary loaded;
        List<StreamResult> models = new ArrayList<>();
        String who = "sync of " + String.join(", ", project.config.sources().stream().map(s -> s.name())
                .filter(options::selects).toList());
        try (Warehouse warehouse = project.openWarehouse(who)) {
            loaded = new Sync(project.config, warehouse, clock, listener, chunkRows).run(options);
            if (!options.dryRun()) {
                RunLog runLog = new RunLog(warehouse);
                for (StreamResult model : Models.build(project, warehouse, clock)) {
                    record(runLog, loaded.runId(), model);
                    listener.streamFinished(model);
                    models.add(model);
                }
                checkAlerts(warehouse);
            }
        }
        List<StreamResult> all = new ArrayList<>(loaded.results());
        all.addAll(models);
        RunSummary summary = new RunSummary(loaded.runId(), loaded.startedAt(), clock.instant(), all);
        if (!options.dryRun()) {
            listener.runFinished(summary);
        }
        return summary;
    }

    /** Tiles with {@code alert:} are checked on the fresh numbers; a failing check never fails the run. */
    private void checkAlerts(Warehouse warehouse) {
        try {
            TileAlerts alerts = new TileAlerts(project.config.baseDir().resolve("dashboards"),
                    project.config.baseDir().resolve("models"), project.config.timezone(), clock);
            for (TileAlerts.Message m : alerts.check(warehouse)) {
                project.notifiers.sendText(m.subject(), m.body());
            }
        } catch (Exception e) {
            LOG.warn("cannot check the dashboards' alerts: {}", e.getMessage());
        }
    }

    /** A model build goes into {@code stockroom.runs} like a stream, so status, Health and Runs show it. */
    private void record(RunLog runLog, String runId, StreamResult model) throws java.sql.SQLException {
        java.time.Instant finished = clock.instant();
        runLog.started(runId, model.source(), model.stream(), model.mode(), null, null,
                finished.minus(model.duration()));
        runLog.finished(runId, model.source(), model.stream(), model.failed() ? "failed" : "success",
                model.rowsRead(), model.rowsWritten(), model.error(), finished);
    }
}
