package dev.stockroom.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockroom.cli.Main;
import dev.stockroom.config.ConfigLoader;
import dev.stockroom.config.EnvSubstitution;
import dev.stockroom.config.StockroomConfig;
import dev.stockroom.source.Source;
import dev.stockroom.source.SourceException;
import dev.stockroom.source.SourceTypes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code jdbc} source against a real site database, synced by the real command into an
 * embedded DuckDB warehouse (the warehouses have their own conformance suite). Each server
 * gives its own DDL; the expectations are the same for both.
 */
abstract class SiteDatabaseSuite {

    @TempDir
    Path dir;

    String site;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    /** A fresh, empty database on the server under test. */
    abstract String freshDatabase();

    /** {@code CREATE TABLE kinds (...)} with id, small, big, amount numeric(12,2), name text, flag boolean, day date, local timestamp, doc json. */
    abstract String kindsTable();

    /** {@code CREATE TABLE events (id integer primary key, happened_at <timestamp with a zone or as near as the server has>)}. */
    abstract String eventsTable();

    /** init_sql that puts the session in UTC+05:30. */
    abstract String sessionAtPlusFiveThirty();

    /** A statement that puts a setup session in UTC, so literals below are UTC instants. */
    abstract String utcSession();

    /** An insert of one {@code events} row at {@code iso} (a UTC instant), written from a UTC session. */
    abstract String insertEvent(int id, String iso);

    /** The cursor saved after reading the event at 11:30:00.5Z in a +05:30 session. */
    abstract String savedCursorOfSecondEvent();

    /** The URL with a wrong password for the URL's user. */
    abstract String withWrongPassword(String url);

    @BeforeEach
    void freshSite() {
        site = freshDatabase();
        originalErr = System.err;
        System.setErr(new PrintStream(err, true));
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
    }

    void onSite(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(site); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    int sync(String sourceUrl, String extra, String streams) throws Exception {
        Path config = dir.resolve("stockroom.yml");
        Files.writeString(config, "warehouse: duckdb:warehouse.duckdb\ntimezone: UTC\nsources:\n"
                + "  - name: site\n    type: jdbc\n    url: \"" + sourceUrl + "\"\n" + extra
                + "    streams:\n" + streams);
        err.reset();
        return Main.run("sync", "--config", config.toString());
    }

    List<Map<String, Object>> warehouse(String sql) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("warehouse.duckdb"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    Map<String, String> warehouseTypes(String table) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        for (Map<String, Object> row : warehouse("SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = 'site' AND table_name = '" + table + "' ORDER BY ordinal_position")) {
            types.put((String) row.get("column_name"), (String) row.get("data_type"));
        }
        return types;
    }

    @Test
    void each_column_type_round_trips_into_the_warehouse() throws Exception {
        onSite(kindsTable(),
                "INSERT INTO kinds VALUES (1, 7, 9007199254740993, 1234567890.25, 'Ann ünicode', true,"
                        + " '2024-02-29', '2024-03-01 12:34:56.123456', '{\"plan\": \"pro\", \"seats\": 3}')",
                "INSERT INTO kinds VALUES (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
        assertThat(sync(site, "", "      - { name: kinds, table: kinds, primary_key: id }\n"))
                .as(err.toString()).isZero();

        Map<String, String> types = warehouseTypes("kinds");
        assertThat(types).containsEntry("id", "BIGINT").containsEntry("small", "BIGINT")
                .containsEntry("big", "BIGINT").containsEntry("name", "VARCHAR")
                .containsEntry("flag", "BOOLEAN").containsEntry("day", "DATE");
        assertThat(types.get("amount")).startsWith("DECIMAL");
        assertThat(types.get("local")).startsWith("TIMESTAMP");

        List<Map<String, Object>> rows = warehouse("SELECT * FROM site.kinds ORDER BY id");
        Map<String, Object> full = rows.get(0);
        assertThat(full.get("small")).isEqualTo(7L);
        assertThat(full.get("big")).isEqualTo(9007199254740993L);
        assertThat((BigDecimal) full.get("amount")).isEqualByComparingTo("1234567890.25");
        assertThat(full.get("name")).isEqualTo("Ann ünicode");
        assertThat(full.get("flag")).isEqualTo(true);
        assertThat(full.get("day")).isEqualTo(LocalDate.of(2024, 2, 29));
        // A timestamp without a zone is taken in the source's timezone (UTC here), to the microsecond.
        assertThat(instant(full.get("local"))).isEqualTo(Instant.parse("2024-03-01T12:34:56.123456Z"));
        // json/jsonb land as their JSON text today (a JSON column type is another developer's change).
        assertThat(new ObjectMapper().readTree(String.valueOf(full.get("doc"))))
                .isEqualTo(new ObjectMapper().readTree("{\"plan\":\"pro\",\"seats\":3}"));
        assertThat(rows.get(1)).containsEntry("id", 2L).containsEntry("small", null).containsEntry("amount", null)
                .containsEntry("name", null).containsEntry("flag", null).containsEntry("day", null)
                .containsEntry("local", null).containsEntry("doc", null);
    }

    @Test
    void a_zoned_cursor_read_in_a_non_utc_session_resumes_inclusively_without_duplicates() throws Exception {
        onSite(eventsTable(), insertEvent(1, "2024-05-01T10:00:00Z"), insertEvent(2, "2024-05-01T11:30:00.5Z"));
        // The source's timezone matches the session, as the README asks for zone-less timestamps.
        String settings = "    timezone: Asia/Kolkata\n    init_sql: \"" + sessionAtPlusFiveThirty() + "\"\n";
        String streams = "      - { name: events, table: events, primary_key: id, cursor: happened_at }\n";
        assertThat(sync(site, settings, streams)).as(err.toString()).isZero();
        assertThat(atById()).containsExactly(
                Map.entry(1, Instant.parse("2024-05-01T10:00:00Z")), Map.entry(2, Instant.parse("2024-05-01T11:30:00.5Z")));
        assertThat(savedCursor()).isEqualTo(savedCursorOfSecondEvent());

        // Row 3 shares the saved cursor value exactly: only an inclusive resume finds it.
        onSite(insertEvent(3, "2024-05-01T11:30:00.5Z"), insertEvent(4, "2024-05-02T08:00:00Z"));
        assertThat(sync(site, settings, streams)).as(err.toString()).isZero();
        assertThat(atById()).containsExactly(
                Map.entry(1, Instant.parse("2024-05-01T10:00:00Z")), Map.entry(2, Instant.parse("2024-05-01T11:30:00.5Z")),
                Map.entry(3, Instant.parse("2024-05-01T11:30:00.5Z")), Map.entry(4, Instant.parse("2024-05-02T08:00:00Z")));
        assertThat(warehouse("SELECT count(*) AS n, count(DISTINCT id) AS d FROM site.events").get(0))
                .containsEntry("n", 4L).containsEntry("d", 4L);
        // The second run read from the saved value on: rows 2, 3 and 4, not row 1 again.
        assertThat(warehouse("SELECT rows_read FROM stockroom.runs WHERE stream = 'events' ORDER BY started_at"))
                .extracting(r -> ((Number) r.get("rows_read")).longValue()).containsExactly(2L, 3L);
    }

    @Test
    void a_query_stream_with_init_sql_loads_what_the_query_selects() throws Exception {
        onSite(eventsTable(), insertEvent(1, "2024-05-01T10:00:00Z"), insertEvent(2, "2024-05-01T22:00:00Z"),
                insertEvent(3, "2024-05-02T09:00:00Z"));
        // init_sql builds a table the query reads: it runs on the same connection, before the query.
        String settings = "    init_sql: |\n      CREATE TEMPORARY TABLE labels (id integer, label varchar(10));\n"
                + "      INSERT INTO labels VALUES (1, 'first'), (3, 'third');\n";
        String streams = "      - name: labelled\n        primary_key: id\n        query: >-\n"
                + "          SELECT e.id, l.label FROM events e JOIN labels l ON l.id = e.id\n";
        assertThat(sync(site, settings, streams)).as(err.toString()).isZero();
        assertThat(warehouse("SELECT id, label FROM site.labelled ORDER BY id")).containsExactly(
                Map.of("id", 1L, "label", "first"), Map.of("id", 3L, "label", "third"));
    }

    @Test
    void a_wrong_password_fails_the_run_naming_the_source_and_what_to_check() throws Exception {
        onSite(eventsTable());
        int exit = sync(withWrongPassword(site), "", "      - { name: events, table: events, primary_key: id }\n");
        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("cannot connect to").contains("check the url, the password")
                .doesNotContain("wrong-secret");
    }

    @Test
    void a_refused_login_or_an_unknown_driver_needs_the_owner_and_an_unreachable_server_may_pass() throws Exception {
        onSite(eventsTable());
        assertThat(checkFails(withWrongPassword(site)).isTransient()).as("wrong password").isFalse();
        SourceException noDriver = checkFails("jdbc:nosuchdb://127.0.0.1/site");
        assertThat(noDriver.isTransient()).isFalse();
        assertThat(noDriver).hasMessageContaining("no JDBC driver takes the url").hasMessageContaining("jdbc:postgresql:");
        assertThat(checkFails(site.replaceFirst("//[^/]+/", "//127.0.0.1:1/")).isTransient()).as("closed port").isTrue();
    }

    private SourceException checkFails(String url) throws Exception {
        String yaml = "sources:\n  - name: site\n    type: jdbc\n    url: \"" + url + "\"\n"
                + "    streams:\n      - { name: events, table: events, primary_key: id }\n";
        StockroomConfig config = ConfigLoader.parse(yaml, dir.resolve("stockroom.yml"),
                new EnvSubstitution(n -> null, Map.of()));
        try (Source source = SourceTypes.create(config.sources().get(0))) {
            source.check();
        } catch (SourceException e) {
            return e;
        }
        throw new AssertionError("check passed for " + url);
    }

    @Test
    void an_unreachable_server_fails_the_run_saying_so() throws Exception {
        String nowhere = site.replaceFirst("//[^/]+/", "//127.0.0.1:1/");
        int exit = sync(nowhere, "", "      - { name: events, table: events, primary_key: id }\n");
        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("cannot connect to").contains("that the database is up");
    }

    private Map<Integer, Instant> atById() throws SQLException {
        Map<Integer, Instant> out = new LinkedHashMap<>();
        for (Map<String, Object> row : warehouse("SELECT id, happened_at FROM site.events ORDER BY id")) {
            out.put(((Number) row.get("id")).intValue(), instant(row.get("happened_at")));
        }
        return out;
    }

    private String savedCursor() throws SQLException {
        return (String) warehouse("SELECT cursor_value FROM stockroom.state WHERE stream = 'events'").get(0).get("cursor_value");
    }

    /** DuckDB hands TIMESTAMPTZ back as OffsetDateTime, TIMESTAMP (UTC) as Timestamp/LocalDateTime. */
    static Instant instant(Object value) {
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC);
        }
        if (value instanceof LocalDateTime l) {
            return l.toInstant(java.time.ZoneOffset.UTC);
        }
        throw new AssertionError("not a timestamp: " + value + " (" + (value == null ? "null" : value.getClass()) + ")");
    }
}
