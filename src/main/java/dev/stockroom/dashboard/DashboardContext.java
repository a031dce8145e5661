package dev.stockroom.dashboard;

import dev.stockroom.config.StockroomConfig;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Everything the dashboard serves from.
 *
 * @param reads where each request's read connection comes from (see {@link ReadConnections})
 */
public record DashboardContext(StockroomConfig config, ReadConnections reads, DashboardSettings settings,
                               Path dashboardsDir, Path modelsDir, Clock clock) {

    /** {@code dashboards/} and {@code models/} beside the config file. */
    public static DashboardContext of(StockroomConfig config, ReadConnections reads, DashboardSettings settings) {
        return new DashboardContext(config, reads, settings, config.baseDir().resolve("dashboards"),
                config.baseDir().resolve("models"), Clock.systemUTC());
    }
}
