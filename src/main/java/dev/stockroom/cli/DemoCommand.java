package dev.stockroom.cli;

import dev.stockroom.demo.DemoBusiness;
import dev.stockroom.demo.DemoProject;
import dev.stockroom.demo.DemoVendors;
import dev.stockroom.pipeline.RunSummary;
import dev.stockroom.pipeline.SyncOptions;
import dev.stockroom.dashboard.DashboardServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Offline, zero set-up: starts simulated Ghost, Stripe, Mailchimp, Kit, GA4 and Plausible servers, "
                + "writes a demo project, backfills 90 days into an embedded DuckDB file, builds the models and "
                + "serves the dashboard. Ctrl-C stops everything; running it again reuses the project."},
        footer = {"", "Examples:", "  stockroom demo", "  stockroom demo --port 9090 --dir /tmp/demo"})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "Dashboard port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--dir", defaultValue = "stockroom-demo", description = "Project folder (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--days", defaultValue = "90", description = "Days to backfill on the first run (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--no-serve", hidden = true, description = "Load and exit (for tests).")
    boolean noServe;

    @Override
    public Integer call() throws Exception {
        Clock clock = Clock.systemUTC();
        try (DemoVendors vendors = DemoVendors.start(DemoBusiness.standard(), clock)) {
            boolean firstRun = !Files.exists(dir.resolve("warehouse.duckdb"));
            var environment = vendors.environment(dir.toAbsolutePath());
            environment.put("DEMO_START_DATE", LocalDate.now(clock.withZone(DemoBusiness.TIMEZONE)).minusDays(days).toString());
            Path config = DemoProject.write(dir, environment);
            GlobalOptions global = new GlobalOptions();
            global.config = config;
            Project project = Project.load(global);
            System.out.println(firstRun ? "Loading " + days + " days of The Margin into " + dir.resolve("warehouse.duckdb")
                    : "Catching up " + dir.resolve("warehouse.duckdb"));
            RunSummary summary = new SyncJob(project, new ConsoleReport(false, false), 100_000, clock)
                    .run(SyncOptions.incremental());
            System.out.printf("Loaded %,d rows in %.1fs%n", summary.rowsWritten(), summary.duration().toMillis() / 1000.0);
            if (noServe) {
                return summary.succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
            }
            try (DashboardServer server = Dashboards.serve(project, "127.0.0.1", port)) {
                System.out.println("Dashboard: " + server.url() + "   (Ctrl-C to stop)");
                CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                stop.await();
            }
        }
        return ExitCodes.OK;
    }
}
