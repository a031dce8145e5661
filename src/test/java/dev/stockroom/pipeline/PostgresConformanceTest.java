package dev.stockroom.pipeline;

import dev.stockroom.testing.TestDatabases;
import java.nio.file.Path;

class PostgresConformanceTest extends WarehouseConformanceTest {

    @Override
    String freshWarehouse(Path dir) {
        return TestDatabases.postgresUrl();
    }
}
