package dev.stockroom.pipeline;

import dev.stockroom.testing.TestDatabases;
import java.nio.file.Path;

/** A fresh URL database is a fresh project: nothing else on the server is touched or reset. */
class MariaDbConformanceTest extends WarehouseConformanceTest {

    @Override
    String freshWarehouse(Path dir) {
        return TestDatabases.mysqlUrl();
    }
}
