package dev.stockroom.cli;

import dev.stockroom.models.ModelBuilder;
import dev.stockroom.pipeline.StreamResult;
import dev.stockroom.warehouse.Warehouse;
import java.time.Clock;
import java.util.List;

/** Builds the project's models ({@code models/*.sql} beside the config) after a load. */
final class Models {

    private Models() {
    }

    static List<StreamResult> build(Project project, Warehouse warehouse, Clock clock) throws java.sql.SQLException {
        return new ModelBuilder(warehouse, project.config.baseDir().resolve("models"), clock).buildAll();
    }
}
