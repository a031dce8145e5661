package dev.stockroom.cli;

import dev.stockroom.dashboard.DashboardContext;
import dev.stockroom.dashboard.DashboardServer;
import dev.stockroom.dashboard.DashboardSettings;
import dev.stockroom.dashboard.ReadConnections;
import dev.stockroom.warehouse.Warehouse;
import java.io.IOException;

/** Starts the dashboard inside a process that also writes the warehouse ({@code demo}). */
final class Dashboards {

    private Dashboards() {
    }

    /**
     * Serves through {@code anchor}'s database instance, which the caller keeps open while serving:
     * DuckDB refuses read-only connections beside a writer in one process.
     */
    static DashboardServer serve(Project project, Warehouse anchor, String bind, int port) throws IOException {
        DashboardSettings settings = DashboardSettings.from(project.config.dashboard(), System::getenv)
                .withAddress(bind, port);
        return DashboardServer.start(DashboardContext.of(project.config,
                ReadConnections.sharedWith(project.dialect, anchor.connection()), settings));
    }
}
