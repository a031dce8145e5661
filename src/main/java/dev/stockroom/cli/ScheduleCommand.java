package dev.stockroom.cli;

import com.sun.net.httpserver.HttpServer;
import dev.stockroom.pipeline.RunSummary;
import dev.stockroom.pipeline.StatusReader;
import dev.stockroom.pipeline.SyncOptions;
import dev.stockroom.schedule.DaemonEndpoints;
import dev.stockroom.schedule.Job;
import dev.stockroom.schedule.Metrics;
import dev.stockroom.schedule.Scheduler;
import dev.stockroom.schedule.SchedulerListener;
import dev.stockroom.schedule.StalenessWatch;
import dev.stockroom.schedule.WarehouseLastRuns;
import dev.stockroom.warehouse.Warehouse;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {"Runs as a daemon: each source on its cron schedule in its timezone, never two runs of one "
                + "source at once, a missed run caught up once at start. Serves /healthz and /metrics "
                + "(Prometheus) and the dashboard. Logs one line per stream to stdout (journald and Docker keep it).",
                "Stop it with SIGTERM or Ctrl-C: running syncs finish their chunk first."},
        footer = {"", "Examples:", "  stockroom schedule", "  stockroom schedule --port 8080",
                "  curl -s localhost:8080/metrics | grep stockroom_"})
final class ScheduleCommand implements Callable<Integer> {

    @Mixin
    GlobalOptions global;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String bind;

    @Override
    public Integer call() throws Exception {
        Project project = Project.load(global);
        Metrics metrics = new Metrics();
        StalenessWatch staleness = new StalenessWatch();
        Clock clock = Clock.systemUTC();
        ConsoleReport report = new ConsoleReport(false, global.verbose);
        SyncJob job = new SyncJob(project, report, 100_000, clock);

        SchedulerListener listener = new SchedulerListener() {
            @Override
            public void runFinished(String source, Instant fireTime, RunSummary summary) {
                if (summary != null) {
                    metrics.record(summary);
                }
                checkStaleness(project, staleness, metrics, clock);
            }

            @Override
            public void runFailed(String source, Instant fireTime, Exception error) {
                System.err.println("stockroom: run of " + source + " failed: " + error.getMessage());
            }

            @Override
            public void catchingUp(String source, Instant missedFire, java.util.Optional<Instant> lastRun) {
                System.out.println("catching up " + source + " (missed " + missedFire + ")");
            }
        };
        try (Warehouse ignored = project.openWarehouse()) {
            // Creates the bookkeeping tables, so the scheduler can read when each source last ran.
        }
        Scheduler scheduler = Scheduler.builder(Job.of(project.config),
                        source -> job.run(new SyncOptions(List.of(source), null, null, false, false)),
                        new WarehouseLastRuns(project::openReadOnly))
                .clock(clock).listener(listener).maxConcurrentRuns(project.dialect.concurrentWriters() ? 2 : 1)
                .build();

        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 0);
        DaemonEndpoints.mount(server, metrics, () -> "ok\nrunning: " + scheduler.running() + "\n");
        server.start();
        System.out.println("stockroom schedule: " + project.config.sources().size() + " sources; metrics on http://"
                + bind + ":" + server.getAddress().getPort() + "/metrics");

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stockroom schedule: stopping; waiting for running syncs");
            scheduler.stop();
            server.stop(0);
            stopped.countDown();
        }));
        scheduler.start();
        checkStaleness(project, staleness, metrics, clock);
        stopped.await();
        return ExitCodes.OK;
    }

    private static void checkStaleness(Project project, StalenessWatch staleness, Metrics metrics, Clock clock) {
        try (Warehouse w = project.openReadOnly()) {
            for (StalenessWatch.Alert alert : staleness.update(new StatusReader(project.config, w, clock).read(), metrics)) {
                System.out.println(alert.subject());
                project.notifiers.sendText(alert.subject(), alert.body());
            }
        } catch (Exception e) {
            System.err.println("stockroom: cannot check staleness: " + e.getMessage());
        }
    }
}
