package dev.stockroom.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.models.ModelBuilder;
import dev.stockroom.testing.TestDatabases;
import dev.stockroom.warehouse.Dialect;
import dev.stockroom.warehouse.StateUpdate;
import dev.stockroom.warehouse.StateStore;
import dev.stockroom.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tile's freshness traced through the names the warehouse gives its schemas. */
class FreshnessTest {

    @TempDir
    Path dir;

    @Test
    void on_mariadb_a_tile_reading_a_model_is_traced_through_the_prefixed_names_to_its_source_table()
            throws Exception {
        try (Warehouse w = Warehouse.open(Dialect.forUrl(TestDatabases.mysqlUrl(), dir, "1GB"))) {
            String shop = w.schema("shop");
            w.createSchema("shop");
            w.execute("CREATE TABLE " + w.table("shop", "orders") + " (id INTEGER, amount INTEGER)");
            new StateStore(w).save(new StateUpdate("shop", "orders", null, LocalDate.parse("2024-06-14")));
            Files.createDirectories(dir.resolve("models"));
            Files.writeString(dir.resolve("models/revenue.sql"), "SELECT SUM(amount) AS revenue FROM " + shop + ".orders");
            assertThat(new ModelBuilder(w, dir.resolve("models"), Clock.systemUTC()).buildAll())
                    .allSatisfy(r -> assertThat(r.failed()).as(r.error()).isFalse());

            Freshness freshness = Freshness.read(w, dir.resolve("models"));
            Freshness.TileHealth health = freshness.of("SELECT revenue FROM " + w.schema("analytics") + ".revenue");
            assertThat(health.tables()).extracting(Freshness.Table::name).containsExactly("shop.orders");
            assertThat(health.completeThrough()).isEqualTo(LocalDate.parse("2024-06-14"));
            assertThat(freshness.of("SELECT * FROM shop.orders").tables())
                    .as("a server-wide shop database is not this project's").isEmpty();
        }
    }
}
