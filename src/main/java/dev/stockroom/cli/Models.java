package dev.stockroom.cli;

import dev.stockroom.pipeline.StreamResult;
import dev.stockroom.warehouse.Warehouse;
import java.time.Clock;
import java.util.List;

/** Builds the project's models after a load. */
final class Models {

    private Models() {
    }

    static List<StreamResult> build(Project project, Warehouse warehouse, Clock clock) {
        return List.of();
    }
}
