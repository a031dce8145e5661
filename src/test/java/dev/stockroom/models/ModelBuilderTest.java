package dev.stockroom.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.pipeline.StreamResult;
import dev.stockroom.testing.TestDatabases;
import dev.stockroom.warehouse.Dialect;
import dev.stockroom.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The same model behaviour on every warehouse database. */
class ModelBuilderTest {

    @TempDir
    Path dir;

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("DuckDB", (Function<Path, Dialect>) d -> Dialect.forUrl("duckdb:w.duckdb", d, "1GB")),
                Arguments.of("PostgreSQL", (Function<Path, Dialect>) d ->
                        Dialect.forUrl(TestDatabases.postgresUrl(), d, "1GB")),
                Arguments.of("MariaDB", (Function<Path, Dialect>) d ->
                        Dialect.forUrl(TestDatabases.mysqlUrl(), d, "1GB")));
    }

    private Warehouse open(Function<Path, Dialect> dialect) throws Exception {
        Warehouse w = Warehouse.open(dialect.apply(dir));
        w.createSchema("shop");
        w.execute("CREATE TABLE " + w.table("shop", "orders") + " (id INTEGER, amount INTEGER, paid BOOLEAN)");
        w.execute("INSERT INTO " + w.table("shop", "orders") + " VALUES (1, 10, TRUE), (2, 20, FALSE), (3, 30, TRUE)");
        return w;
    }

    /**
     * Writes a model, {@code {schema}} standing for the warehouse's name of a schema: {@code analytics}
     * on DuckDB and PostgreSQL, {@code sr_test_x__analytics} on MariaDB, as its owner writes it.
     */
    private void model(Warehouse w, String name, String sql) throws Exception {
        Files.createDirectories(dir.resolve("models"));
        Files.writeString(dir.resolve("models").resolve(name + ".sql"), named(w, sql));
    }

    private static String named(Warehouse w, String sql) {
        return Pattern.compile("\\{([a-z]+)}").matcher(sql).replaceAll(m -> w.schema(m.group(1)));
    }

    private List<StreamResult> build(Warehouse w) throws java.sql.SQLException {
        return new ModelBuilder(w, dir.resolve("models"), Clock.systemUTC()).buildAll();
    }

    private static long scalar(Warehouse w, String sql) throws Exception {
        try (Statement s = w.connection().createStatement(); ResultSet rs = s.executeQuery(named(w, sql))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void models_build_after_the_models_they_read(String name, Function<Path, Dialect> dialect) throws Exception {
        try (Warehouse w = open(dialect)) {
            // "a_total" sorts first but reads "paid_orders", so it must build second.
            model(w, "a_total", "-- reads the other model\nSELECT SUM(amount) AS total FROM {analytics}.paid_orders;\n");
            model(w, "paid_orders", "SELECT id, amount FROM {shop}.orders WHERE paid");
            List<StreamResult> results = build(w);
            assertThat(results).extracting(StreamResult::stream).containsExactly("paid_orders", "a_total");
            assertThat(results).allMatch(r -> r.status() == StreamResult.Status.SUCCESS);
            assertThat(results).allMatch(r -> r.source().equals("analytics"));
            assertThat(scalar(w, "SELECT total FROM {analytics}.a_total")).isEqualTo(40);
            assertThat(results.get(0).rowsWritten()).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_rebuild_replaces_the_table_and_leaves_no_helper_tables(String name, Function<Path, Dialect> dialect)
            throws Exception {
        try (Warehouse w = open(dialect)) {
            model(w, "paid_orders", "SELECT id, amount FROM {shop}.orders WHERE paid");
            build(w);
            w.execute("INSERT INTO " + w.table("shop", "orders") + " VALUES (4, 40, TRUE)");
            model(w, "paid_orders", "SELECT id, amount, amount * 2 AS doubled FROM {shop}.orders WHERE paid");
            assertThat(build(w)).allMatch(r -> r.status() == StreamResult.Status.SUCCESS);
            assertThat(scalar(w, "SELECT COUNT(*) FROM {analytics}.paid_orders")).isEqualTo(3);
            assertThat(scalar(w, "SELECT MAX(doubled) FROM {analytics}.paid_orders")).isEqualTo(80);
            assertThat(w.tableExists("analytics", "paid_orders__new")).isFalse();
            assertThat(w.tableExists("analytics", "paid_orders__old")).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_failing_model_is_reported_with_its_file_and_the_others_still_build(String name,
            Function<Path, Dialect> dialect) throws Exception {
        try (Warehouse w = open(dialect)) {
            model(w, "broken", "SELECT no_such_column FROM {shop}.orders");
            model(w, "reads_broken", "SELECT * FROM {analytics}.broken");
            model(w, "fine", "SELECT COUNT(*) AS n FROM {shop}.orders");
            model(w, "paid_orders", "SELECT id FROM {shop}.orders WHERE paid");
            build(w);
            model(w, "paid_orders", "SELECT id FROM {shop}.nowhere");
            List<StreamResult> results = build(w);
            assertThat(results).filteredOn(r -> r.stream().equals("fine"))
                    .singleElement().extracting(StreamResult::status).isEqualTo(StreamResult.Status.SUCCESS);
            StreamResult broken = results.stream().filter(r -> r.stream().equals("broken")).findFirst().orElseThrow();
            assertThat(broken.failed()).isTrue();
            assertThat(broken.error()).contains("models/broken.sql").containsIgnoringCase("no_such_column");
            assertThat(results.stream().filter(r -> r.stream().equals("reads_broken")).findFirst().orElseThrow()
                    .error()).contains(named(w, "{analytics}.broken"));
            // The previous version of a model whose rebuild failed stays in place.
            assertThat(scalar(w, "SELECT COUNT(*) FROM {analytics}.paid_orders")).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_cycle_is_a_clear_error_and_does_not_stop_the_rest(String name, Function<Path, Dialect> dialect)
            throws Exception {
        try (Warehouse w = open(dialect)) {
            model(w, "x", "SELECT * FROM {analytics}.y");
            model(w, "y", "SELECT * FROM {analytics}.x");
            model(w, "z", "SELECT 1 AS one");
            List<StreamResult> results = build(w);
            assertThat(results).filteredOn(StreamResult::failed).extracting(StreamResult::stream)
                    .containsExactlyInAnyOrder("x", "y");
            assertThat(results).filteredOn(StreamResult::failed)
                    .allSatisfy(r -> assertThat(r.error()).contains("cycle").contains("x → y → x"));
            assertThat(scalar(w, "SELECT one FROM {analytics}.z")).isEqualTo(1);
        }
    }

    @Test
    void on_mariadb_a_model_naming_schemas_as_duckdb_does_fails_with_the_names_to_write_there() throws Exception {
        try (Warehouse w = open(d -> Dialect.forUrl(TestDatabases.mysqlUrl(), d, "1GB"))) {
            model(w, "paid_orders", "SELECT id, amount FROM {shop}.orders WHERE paid");
            model(w, "total", "SELECT SUM(o.amount) AS total FROM analytics.paid_orders p JOIN shop.orders o USING (id)");
            List<StreamResult> results = build(w);
            assertThat(results).filteredOn(r -> r.stream().equals("paid_orders")).singleElement()
                    .extracting(StreamResult::status).isEqualTo(StreamResult.Status.SUCCESS);
            StreamResult total = results.stream().filter(r -> r.stream().equals("total")).findFirst().orElseThrow();
            assertThat(total.failed()).isTrue();
            assertThat(total.error()).contains("models/total.sql")
                    .contains(w.schema("analytics") + ".paid_orders for analytics.paid_orders")
                    .contains(w.schema("shop") + ".orders for shop.orders");
            assertThat(w.tableExists("analytics", "total")).isFalse();
        }
    }
}
