package dev.stockroom.pipeline;

import dev.stockroom.config.SourceConfig;
import dev.stockroom.config.StockroomConfig;
import dev.stockroom.source.ExcludedFields;
import dev.stockroom.source.Source;
import dev.stockroom.source.SourceException;
import dev.stockroom.source.SourceTypes;
import dev.stockroom.source.StreamSpec;
import dev.stockroom.source.StreamUnavailableException;
import dev.stockroom.warehouse.RunLog;
import dev.stockroom.warehouse.StateStore;
import dev.stockroom.warehouse.Warehouse;
import dev.stockroom.warehouse.WarehouseBusyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.SQLRecoverableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One run of {@code stockroom sync}: for each selected source, under its lock, each selected
 * stream is planned and loaded; a failing stream is recorded and the others go on.
 */
public final class Sync {

    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private final StockroomConfig config;
    private final Warehouse warehouse;
    private final Clock clock;
    private final RunListener listener;
    private final long chunkRows;
    private final Function<SourceConfig, Source> connectors;
    /** Set per run, once its spool folder exists. */
    private FailureAdvice advice;

    public Sync(StockroomConfig config, Warehouse warehouse, Clock clock, RunListener listener, long chunkRows) {
        this(config, warehouse, clock, listener, chunkRows, SourceTypes::create);
    }

    /** With the connectors given: tests plug in a simulated vendor this way. */
    public Sync(StockroomConfig config, Warehouse warehouse, Clock clock, RunListener listener, long chunkRows,
                Function<SourceConfig, Source> connectors) {
        this.config = config;
        this.warehouse = warehouse;
        this.clock = clock;
        this.listener = listener;
        this.chunkRows = chunkRows;
        this.connectors = connectors;
    }

    public static String newRunId(Clock clock) {
        // The time sorts runs; the random part keeps two runs started in one second apart.
        return RUN_ID.format(clock.instant()) + "-" + java.util.UUID.randomUUID().toString().substring(0, 6);
    }

    /**
     * Runs the sources the options select.
     *
     * @throws LockedException when another run holds the lock of a selected source (nothing ran)
     */
    public RunSummary run(SyncOptions options) throws Exception {
        String runId = newRunId(clock);
        Instant started = clock.instant();
        List<SourceConfig> selected = config.sources().stream().filter(s -> options.selects(s.name())).toList();
        List<AutoCloseable> locks = new ArrayList<>();
        List<StreamResult> results = new ArrayList<>();
        SpoolFolders.removeDead();
        Path spoolFolder = null;
        advice = new FailureAdvice(warehouse.dialect(), SpoolFolders.parent());
        try {
            for (SourceConfig source : selected) {
                Optional<AutoCloseable> lock = warehouse.dialect().tryLock(source.name());
                if (lock.isEmpty()) {
                    throw new LockedException("another run holds the lock for source '" + source.name()
                            + "'; wait for it to finish (stockroom status shows it)");
                }
                locks.add(lock.get());
            }
            RunLog runLog = new RunLog(warehouse);
            runLog.closeInterrupted(selected.stream().map(SourceConfig::name).toList(), started);
            listener.runStarted(runId);
            try {
                spoolFolder = SpoolFolders.create();
            } catch (java.io.IOException e) {
                // A full temp disk: every selected stream failed, on the record, so status does not say ok.
                for (SourceConfig sourceConfig : selected) {
                    results.addAll(failEvery(runId, sourceConfig, options, runLog, e));
                }
                return new RunSummary(runId, started, clock.instant(), results);
            }
            advice = new FailureAdvice(warehouse.dialect(), spoolFolder);
            StreamLoader loader = new StreamLoader(warehouse, listener, clock, spoolFolder, chunkRows);
            for (SourceConfig sourceConfig : selected) {
                results.addAll(runSource(runId, sourceConfig, options, loader, runLog));
            }
        } finally {
            for (AutoCloseable lock : locks) {
                lock.close();
            }
            if (spoolFolder != null) {
                SpoolFolders.delete(spoolFolder);
            }
        }
        RunSummary summary = new RunSummary(runId, started, clock.instant(), results);
        return summary;
    }

    private List<StreamResult> failEvery(String runId, SourceConfig sourceConfig, SyncOptions options, RunLog runLog,
                                         Exception cause) throws SQLException {
        List<StreamResult> results = new ArrayList<>();
        Instant started = clock.instant();
        try (Source source = connectors.apply(sourceConfig)) {
            for (StreamSpec stream : source.streams()) {
                if (options.selects(sourceConfig.name(), stream.name())) {
                    StreamResult failed = failure(sourceConfig.name(), stream.name(), "incremental", null, started, 0,
                            0, cause);
                    runLog.started(runId, sourceConfig.name(), stream.name(), failed.mode(), null, null, started);
                    runLog.finished(runId, sourceConfig.name(), stream.name(), "failed", 0, 0, failed.error(),
                            clock.instant());
                    listener.streamFinished(failed);
                    results.add(failed);
                }
            }
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            StreamResult failed = failure(sourceConfig.name(), "*", "incremental", null, started, 0, 0, cause);
            listener.streamFinished(failed);
            results.add(failed);
        }
        return results;
    }

    private List<StreamResult> runSource(String runId, SourceConfig sourceConfig, SyncOptions options,
                                         StreamLoader loader, RunLog runLog) throws SQLException {
        List<StreamResult> results = new ArrayList<>();
        Instant started = clock.instant();
        try (Source source = connectors.apply(sourceConfig)) {
            ZoneId zone = source.vendorTimezone().orElse(sourceConfig.timezone());
            WindowPlanner planner = new WindowPlanner(clock);
            StateStore state = new StateStore(warehouse);
            for (StreamSpec stream : source.streams()) {
                if (options.selects(sourceConfig.name(), stream.name())) {
                    results.add(runStream(runId, sourceConfig, source, stream, options, zone, planner, state,
                            loader, runLog));
                }
            }
        } catch (WarehouseBusyException e) {
            throw e;
        } catch (Exception e) {
            // The source could not even start (bad settings, unreachable vendor): one failed entry.
            StreamResult failed = failure(sourceConfig.name(), "*", "incremental", null, started, 0, 0, e);
            listener.streamFinished(failed);
            results.add(failed);
        }
        return results;
    }

    private StreamResult runStream(String runId, SourceConfig sourceConfig, Source source, StreamSpec stream,
                                   SyncOptions options, ZoneId zone, WindowPlanner planner, StateStore state,
                                   StreamLoader loader, RunLog runLog) throws SQLException {
        String sourceName = sourceConfig.name();
        Instant started = clock.instant();
        if (options.full()) {
            state.reset(sourceName, stream.name());
        }
        Duration lookback = sourceConfig.lookbackGiven() ? sourceConfig.lookback()
                : source.defaultLookback().orElse(sourceConfig.lookback());
        StreamPlan plan = planner.plan(stream, options, zone, lookback, sourceConfig.startDate(),
                state.read(sourceName, stream.name()));
        listener.streamStarted(sourceName, stream.name(), plan);
        LocalDate first = plan.window() == null ? null : plan.window().first();
        LocalDate last = plan.window() == null ? null : plan.window().last();
        if (plan.upToDate() || options.dryRun()) {
            StreamResult skipped = new StreamResult(sourceName, stream.name(), plan.mode(), first, last,
                    StreamResult.Status.SKIPPED, 0, 0, Duration.ZERO, null, false);
            listener.streamFinished(skipped);
            return skipped;
        }
        runLog.started(runId, sourceName, stream.name(), plan.mode(), first, last, started);
        StreamResult result;
        try {
            StreamLoader.Counts counts = loader.load(runId, sourceName, source, stream, plan, zone,
                    planner.yesterday(zone), FieldExclusion.of(ExcludedFields.of(sourceConfig, stream)));
            result = new StreamResult(sourceName, stream.name(), plan.mode(), first, last, StreamResult.Status.SUCCESS,
                    counts.read(), counts.written(), Duration.between(started, clock.instant()),
                    counts.warning(), false, counts.notes());
        } catch (StreamUnavailableException e) {
            // The account cannot serve this stream: a warning on every run, not a daily failure.
            result = new StreamResult(sourceName, stream.name(), plan.mode(), first, last, StreamResult.Status.SKIPPED,
                    0, 0, Duration.between(started, clock.instant()), e.getMessage(), false);
        } catch (WarehouseBusyException e) {
            // No turn came within warehouse_wait: the whole run stops (exit 3); the next marks it interrupted.
            throw e;
        } catch (Exception e) {
            result = failure(sourceName, stream.name(), plan.mode(), plan, started, 0, 0, e);
        }
        runLog.finished(runId, sourceName, stream.name(), result.failed() ? "failed"
                : result.status() == StreamResult.Status.SKIPPED ? "skipped" : "success", result.rowsRead(),
                result.rowsWritten(), result.error(), result.notes(), clock.instant());
        listener.streamFinished(result);
        return result;
    }

    private StreamResult failure(String source, String stream, String mode, StreamPlan plan, Instant started,
                                 long read, long written, Exception e) {
        LocalDate first = plan == null || plan.window() == null ? null : plan.window().first();
        LocalDate last = plan == null || plan.window() == null ? null : plan.window().last();
        String message = advice.describe(e);
        return new StreamResult(source, stream, mode, first, last, StreamResult.Status.FAILED, read, written,
                Duration.between(started, clock.instant()), message, advice.isTransient(e));
    }

    /** The message a user should read: the most specific cause, not a stack of wrappers. */
    static String describe(Throwable e) {
        if (e instanceof SourceException || e instanceof IllegalArgumentException
                || e instanceof dev.stockroom.config.ConfigException) {
            return e.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        String text = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        if (text.contains("memory_limit")) {
            // DuckDB names its own SET; the user's knob is the config key.
            text += " (in stockroom.yml: memory_limit: 2GB, for example)";
        }
        return text;
    }

    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SourceException s) {
                return s.isTransient();
            }
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof java.net.ConnectException || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.net.http.HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
