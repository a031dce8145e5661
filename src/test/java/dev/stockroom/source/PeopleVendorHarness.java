package dev.stockroom.source;

import dev.stockroom.config.ConfigLoader;
import dev.stockroom.config.SourceConfig;
import dev.stockroom.config.StockroomConfig;
import dev.stockroom.pipeline.RunListener;
import dev.stockroom.pipeline.RunSummary;
import dev.stockroom.pipeline.StreamResult;
import dev.stockroom.pipeline.Sync;
import dev.stockroom.pipeline.SyncOptions;
import dev.stockroom.source.http.RetryPolicy;
import dev.stockroom.testing.TestDatabases;
import dev.stockroom.warehouse.Dialect;
import dev.stockroom.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs a vendor connector against its twin through the real pipeline into a real warehouse:
 * writes a stockroom.yml, loads it, runs {@link Sync} with the test's clock, and reads tables back.
 * Shared by the Stripe, Ghost, Mailchimp and Kit tests.
 */
public final class PeopleVendorHarness {

    /** Retries that wait milliseconds, not seconds: a 429 burst costs the test no real time. */
    public static final RetryPolicy FAST_RETRIES =
            new RetryPolicy(8, Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofSeconds(20));

    /** The warehouses every vendor test runs on. */
    public enum Db { DUCKDB, POSTGRES }

    private final Path dir;
    private final String warehouseUrl;

    public PeopleVendorHarness(Db db, Path dir) {
        this.dir = dir;
        this.warehouseUrl = db == Db.DUCKDB ? "duckdb:" + dir.resolve("warehouse.duckdb") : TestDatabases.postgresUrl();
    }

    /** Runs one sync of the source described by {@code sourceYaml} (one source, no leading dash). */
    public RunSummary sync(String sourceYaml, Clock clock, SyncOptions options,
                           Function<SourceConfig, Source> connectors) throws Exception {
        Path file = dir.resolve("stockroom.yml");
        StringBuilder yaml = new StringBuilder("warehouse: \"" + warehouseUrl + "\"\ntimezone: UTC\nsources:\n");
        boolean first = true;
        for (String line : sourceYaml.strip().split("\n")) {
            yaml.append(first ? "  - " : "    ").append(line).append('\n');
            first = false;
        }
        Files.writeString(file, yaml);
        StockroomConfig config = ConfigLoader.load(file);
        try (Warehouse warehouse = Warehouse.open(dialect(config))) {
            return new Sync(config, warehouse, clock, new RunListener() {
            }, 10_000, connectors).run(options);
        }
    }

    /** A backfill from {@code since}. */
    public static SyncOptions since(LocalDate since) {
        return new SyncOptions(List.of(), since, null, false, false);
    }

    public long count(String table) throws Exception {
        return ((Number) query("SELECT COUNT(*) AS n FROM " + table).get(0).get("n")).longValue();
    }

    /** Every row of a table in key order, without the load's own columns, values as text. */
    public List<Map<String, Object>> rows(String table, String orderBy) throws Exception {
        List<Map<String, Object>> rows = query("SELECT * FROM " + table + " ORDER BY " + orderBy);
        for (Map<String, Object> row : rows) {
            row.remove("_loaded_at");
            row.remove("_run_id");
            row.replaceAll((k, v) -> v == null ? null : v.toString());
        }
        return rows;
    }

    public List<Map<String, Object>> query(String sql) throws Exception {
        StockroomConfig config = ConfigLoader.load(dir.resolve("stockroom.yml"));
        try (Warehouse warehouse = Warehouse.open(dialect(config));
             Statement st = warehouse.connection().createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, Object>> out = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i).toLowerCase(), rs.getObject(i));
                }
                out.add(row);
            }
            return out;
        }
    }

    private static Dialect dialect(StockroomConfig config) {
        return Dialect.forUrl(config.warehouse(), config.baseDir(), config.memoryLimit());
    }

    /** The result of one stream in a run. */
    public static StreamResult result(RunSummary run, String stream) {
        return run.results().stream().filter(r -> r.stream().equals(stream)).findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + stream + " in " + run.results()));
    }

    /** A clock that stands still until a test moves it. */
    public static final class MutableClock extends Clock {
        private volatile Instant now;

        public MutableClock(Instant now) {
            this.now = now;
        }

        public void advance(Duration by) {
            now = now.plus(by);
        }

        public LocalDate today() {
            return LocalDate.ofInstant(now, ZoneOffset.UTC);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            MutableClock outer = this;
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return zone;
                }

                @Override
                public Clock withZone(ZoneId other) {
                    return outer.withZone(other);
                }

                @Override
                public Instant instant() {
                    return outer.instant();
                }
            };
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
