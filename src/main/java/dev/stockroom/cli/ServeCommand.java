package dev.stockroom.cli;

import dev.stockroom.dashboard.DashboardContext;
import dev.stockroom.dashboard.DashboardServer;
import dev.stockroom.dashboard.DashboardSettings;
import dev.stockroom.dashboard.ReadConnections;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the dashboard alone: the dashboards in dashboards/*.yml, Pipeline health, Runs and a "
                + "read-only SQL explorer.",
                "Each request reads through a read-only connection of its own, so a cron 'stockroom sync' can "
                + "still write a DuckDB warehouse between requests."},
        footer = {"", "Examples:",
                "  stockroom serve                                   # http://127.0.0.1:8080/",
                "  stockroom serve --port 9000",
                "  # reachable from other machines, behind a login:",
                "  STOCKROOM_PASSWORD=... stockroom serve --bind 0.0.0.0",
                "  # behind a TLS proxy at https://dash.example.com (stockroom.yml):",
                "  #   dashboard: {allowed_hosts: [dash.example.com], behind_proxy: true}",
                "", "Binding any address but loopback needs a password (STOCKROOM_PASSWORD or dashboard.password in "
                + "stockroom.yml);", "without one, serve refuses to start (exit code 2).",
                "", "The explorer runs SQL only from its own form (a POST with a CSRF token);",
                "a link /sql?q=... just fills the editor. A request naming another host (DNS",
                "rebinding) gets 421, a post from another origin 403. Failed logins slow the",
                "next attempt (up to 10 s), never lock out. README: \"Requests and logins\"."})
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Option(names = "--port", paramLabel = "N", description = "Port (default: dashboard.port, else 8080; 0 picks a "
            + "free one).")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (default: dashboard.bind, "
            + "else 127.0.0.1).")
    String bind;

    @Override
    public Integer call() throws Exception {
        Project project = Project.load(main.global);
        DashboardSettings settings = DashboardSettings.from(project.config.dashboard(), System::getenv);
        settings = settings.withAddress(bind != null ? bind : settings.bind(), port != null ? port : settings.port());
        DashboardContext context = DashboardContext.of(project.config, ReadConnections.perRequest(project.dialect),
                settings);
        CountDownLatch stopped = new CountDownLatch(1);
        try (DashboardServer server = DashboardServer.start(context)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "dashboard-stop"));
            if (!main.global.quiet) {
                System.out.println("Dashboard: " + server.url() + (settings.password().isPresent()
                        ? " (password required)" : ""));
                System.out.println("Warehouse: " + project.dialect.describe() + ". Stop with Ctrl+C.");
            }
            stopped.await();
        } catch (java.net.BindException e) {
            System.err.println("stockroom: cannot listen on " + settings.bind() + ":" + settings.port() + ": "
                    + e.getMessage() + "; choose another --port");
            return ExitCodes.CONFIG;
        }
        return ExitCodes.OK;
    }
}
