package dev.stockroom.cli;

import dev.stockroom.dashboard.DashboardServer;
import dev.stockroom.dashboard.ReadConnections;
import dev.stockroom.notify.RunMessage;
import dev.stockroom.pipeline.RunSummary;
import dev.stockroom.pipeline.StatusReader;
import dev.stockroom.pipeline.SyncOptions;
import dev.stockroom.schedule.DaemonEndpoints;
import dev.stockroom.schedule.DaemonEndpoints.Health;
import dev.stockroom.schedule.InMemoryLastRuns;
import dev.stockroom.schedule.Job;
import dev.stockroom.schedule.Metrics;
import dev.stockroom.schedule.Scheduler;
import dev.stockroom.schedule.SchedulerListener;
import dev.stockroom.schedule.Sleeper;
import dev.stockroom.schedule.StalenessWatch;
import dev.stockroom.schedule.WarehouseLastRuns;
import dev.stockroom.warehouse.Warehouse;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The long-running part of {@code stockroom schedule}: the {@link Scheduler} running each source
 * through a {@link SyncJob}, {@code /metrics} fed from every run, {@code /healthz}, and staleness
 * alerts (one when a stream goes stale, one when it recovers) sent through the project's notifiers.
 * Logs one line per event on stdout.
 *
 * <p>Syncs write in turns and the daemon's own reads (when each source last ran, staleness) and the
 * dashboard's use read-only connections opened per request, so on an embedded DuckDB file they take
 * turns with the syncs (see {@code DuckDbGate}) and several sources can run at once.
 */
final class Daemon {

    /** The scheduler wakes at least this often; {@code /healthz} fails after two missed wake-ups. */
    static final Duration TICK = Duration.ofMinutes(1);

    private final Project project;
    private final SyncJob job;
    private final InetSocketAddress address;
    private final Duration stopTimeout;
    private final Clock clock = Clock.systemUTC();
    private final PrintStream log = System.out;
    private final Metrics metrics = new Metrics();
    private final StalenessWatch staleness = new StalenessWatch();
    private volatile Instant lastTick;
    private Scheduler scheduler;
    private DashboardServer server;
    private ReadConnections reads;
    private boolean stopped;

    Daemon(Project project, ConsoleReport report, InetSocketAddress address, Duration stopTimeout) {
        this.project = project;
        this.job = new SyncJob(project, report, 100_000, clock);
        this.address = address;
        this.stopTimeout = stopTimeout;
    }

    /**
     * Prepares the warehouse, serves HTTP, checks staleness once, catches up missed runs and starts
     * the schedule. Returns once serving; runs go on in the background.
     */
    synchronized void start() throws IOException {
        if (scheduler != null) {
            throw new IllegalStateException("the daemon can be started once");
        }
        reads = ReadConnections.perRequest(project.dialect);
        List<Job> jobs = Job.of(project.config);
        InMemoryLastRuns lastRuns = new InMemoryLastRuns();
        WarehouseLastRuns fromWarehouse = new WarehouseLastRuns(reads::open);
        for (Job j : jobs) {
            fromWarehouse.lastRun(j.source()).ifPresent(at -> lastRuns.record(j.source(), at));
        }
        Sleeper nap = Sleeper.system(clock);
        scheduler = Scheduler.builder(jobs,
                        source -> job.run(new SyncOptions(List.of(source), null, null, false, false)), lastRuns)
                .clock(clock)
                .sleeper(deadline -> {
                    lastTick = clock.instant();
                    nap.sleepUntil(deadline);
                })
                .listener(new LogAndMeasure())
                .maxConcurrentRuns(2)
                .build();

        server = Dashboards.serve(project, address.getHostString(), address.getPort());
        DaemonEndpoints.mount(server::mount, metrics, this::health);
        log.println("schedule: " + jobs.size() + " sources; dashboard on " + server.url() + ", metrics on /metrics,"
                + " health on /healthz");
        for (Job j : jobs) {
            log.println("schedule: " + j.source() + " runs at \"" + j.schedule() + "\" (" + j.zone() + "), next "
                    + j.schedule().nextFireAfter(clock.instant(), j.zone()).map(Instant::toString).orElse("never"));
        }
        checkStaleness();
        lastTick = clock.instant();
        scheduler.start();
    }

    /**
     * Stops scheduling, waits for running syncs (each finishes, or its open chunk rolls back when
     * they are interrupted after the stop timeout), then stops serving. Safe to call twice.
     *
     * @return whether every running sync finished within the timeout
     */
    synchronized boolean stop() {
        if (stopped || scheduler == null) {
            return true;
        }
        stopped = true;
        List<String> running = List.copyOf(scheduler.running());
        log.println("schedule: stopping" + (running.isEmpty() ? "" : "; waiting up to " + stopTimeout.toSeconds()
                + " s for " + String.join(", ", running)));
        boolean finished = scheduler.stop(stopTimeout);
        server.close();
        log.println(finished ? "schedule: stopped" : "schedule: stopped; a sync was interrupted, and its open chunk "
                + "rolled back: the next run goes on from the last committed chunk");
        return finished;
    }

    /** Healthy unless the scheduler's loop has not woken for two of its longest naps. */
    Health health() {
        Instant tick = lastTick;
        Duration since = tick == null ? Duration.ZERO : Duration.between(tick, clock.instant());
        if (since.compareTo(TICK.multipliedBy(2)) > 0) {
            return Health.failing("the scheduler has not woken for " + since.toSeconds() + " s (expected every "
                    + TICK.toSeconds() + " s)");
        }
        return Health.ok("running: " + scheduler.running() + "\n");
    }

    /** Reads every stream's status and sends an alert when one goes stale or recovers. */
    private void checkStaleness() {
        try (Warehouse w = reads.open()) {
            for (StalenessWatch.Alert alert : staleness.update(new StatusReader(project.config, w, clock, project::streamsOf).read(),
                    metrics)) {
                log.println("schedule: " + alert.subject().replaceFirst("^Stockroom: ", "") + "; notifying");
                project.notifiers.sendText(alert.subject(), alert.body());
            }
        } catch (Exception e) {
            log.println("schedule: cannot check staleness: " + e.getMessage());
        }
    }

    /** Logs what the scheduler does, feeds {@code /metrics}, and re-checks staleness after each run. */
    private final class LogAndMeasure implements SchedulerListener {

        @Override
        public void catchingUp(String source, Instant missedFire, Optional<Instant> lastRun) {
            log.println("schedule: " + source + " missed its " + missedFire + " slot (last run "
                    + lastRun.map(Instant::toString).orElse("never") + "); running it now");
        }

        @Override
        public void runStarted(String source, Instant fireTime) {
            log.println("schedule: " + source + " starts (slot " + fireTime + ")");
        }

        @Override
        public void runFinished(String source, Instant fireTime, RunSummary summary) {
            if (summary != null) {
                metrics.record(summary);
                log.println("schedule: " + source + " done (slot " + fireTime + "): "
                        + RunMessage.headline(summary).replaceFirst("^Stockroom: ", ""));
            }
            checkStaleness();
        }

        @Override
        public void runFailed(String source, Instant fireTime, Exception error) {
            log.println("schedule: " + source + " could not run (slot " + fireTime + "): "
                    + error.getMessage());
            checkStaleness();
        }

        @Override
        public void runDeferred(String source, Instant fireTime) {
            log.println("schedule: " + source + " is still running; the " + fireTime + " slot runs when it ends");
        }

        @Override
        public void runDropped(String source, Instant fireTime) {
            log.println("schedule: " + source + " is still running; the " + fireTime + " slot is skipped");
        }
    }
}
