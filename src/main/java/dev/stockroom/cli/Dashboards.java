package dev.stockroom.cli;

import dev.stockroom.dashboard.DashboardContext;
import dev.stockroom.dashboard.DashboardServer;
import dev.stockroom.dashboard.DashboardSettings;
import dev.stockroom.dashboard.ReadConnections;
import java.io.IOException;

/** Starts the dashboard inside a process that also writes the warehouse ({@code schedule}, {@code demo}). */
final class Dashboards {

    private Dashboards() {
    }

    /**
     * Serves from read-only connections opened per request; on a DuckDB file they wait for the
     * write turns of this process's syncs and read between them.
     */
    static DashboardServer serve(Project project, String bind, int port) throws IOException {
        DashboardSettings settings = DashboardSettings.from(project.config.dashboard(), System::getenv)
                .withAddress(bind, port);
        return DashboardServer.start(DashboardContext.of(project.config,
                ReadConnections.perRequest(project.dialect), settings));
    }
}
