package dev.stockroom.pipeline;

import java.nio.file.Path;

class DuckDbConformanceTest extends WarehouseConformanceTest {

    @Override
    String freshWarehouse(Path dir) {
        return "duckdb:" + dir.resolve("warehouse-" + System.nanoTime() + ".duckdb");
    }
}
