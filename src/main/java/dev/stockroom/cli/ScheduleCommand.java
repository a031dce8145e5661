package dev.stockroom.cli;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;

@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {"Runs as a daemon: each source on its cron schedule in its timezone, never two runs of one "
                + "source at once, a missed run caught up once at start. Serves /healthz and /metrics "
                + "(Prometheus). After each run every notifier gets one message; a stream that goes stale is "
                + "reported once, and again when it recovers. Logs one line per event to stdout (journald and "
                + "Docker keep it).",
                "Stop it with SIGTERM or Ctrl-C: running syncs finish first (or, after --stop-timeout, their "
                        + "open chunk rolls back), then it exits 0."},
        footer = {"", "Examples:", "  stockroom schedule", "  stockroom schedule --port 9464 --bind 0.0.0.0",
                "  curl -s localhost:8080/metrics | grep stockroom_",
                "", "Like the dashboard, /metrics and /healthz answer only to the bind address",
                "(with 0.0.0.0, any of this machine's), localhost and dashboard.allowed_hosts:",
                "scraping by a DNS name needs that name listed."})
final class ScheduleCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port; 0 picks a free one "
            + "(default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--stop-timeout", defaultValue = "60", paramLabel = "SECONDS", description = "On SIGTERM, how "
            + "long running syncs may take to finish before they are interrupted (default: ${DEFAULT-VALUE}).")
    int stopTimeout;

    @Override
    public Integer call() throws Exception {
        // Warnings of the notifiers go to stdout with the rest, unless configured otherwise.
        System.setProperty("org.slf4j.simpleLogger.logFile",
                System.getProperty("org.slf4j.simpleLogger.logFile", "System.out"));
        Project project = Project.load(main.global);
        Daemon daemon = new Daemon(project, ConsoleReport.lines(main.global.quiet, main.global.verbose),
                new InetSocketAddress(bind, port), Duration.ofSeconds(Math.max(0, stopTimeout)));
        StopSignal signal = StopSignal.install(daemon::stop);
        daemon.start();
        System.out.println("schedule: " + signal.await() + " received");
        daemon.stop();
        return ExitCodes.OK;
    }
}
