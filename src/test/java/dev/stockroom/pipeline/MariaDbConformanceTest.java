package dev.stockroom.pipeline;

import dev.stockroom.testing.TestDatabases;
import java.nio.file.Path;

/** MariaDB keeps one database per source schema, so each test starts from a reset server. */
class MariaDbConformanceTest extends WarehouseConformanceTest {

    @Override
    String freshWarehouse(Path dir) {
        TestDatabases.resetMysql();
        return TestDatabases.mysqlUrl();
    }
}
