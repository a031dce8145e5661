package dev.stockroom.source;

import dev.stockroom.config.ConfigLoader;
import dev.stockroom.config.EnvSubstitution;
import dev.stockroom.config.SourceConfig;
import dev.stockroom.config.StockroomConfig;
import dev.stockroom.pipeline.RunListener;
import dev.stockroom.pipeline.RunSummary;
import dev.stockroom.pipeline.Sync;
import dev.stockroom.pipeline.SyncOptions;
import dev.stockroom.testing.TestDatabases;
import dev.stockroom.warehouse.Dialect;
import dev.stockroom.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Runs an analytics connector (GA4, Plausible) against its simulated twin through the real
 * pipeline into a real warehouse: writes a stockroom.yml, opens the warehouse, syncs with a fixed
 * clock, and reads the loaded rows back.
 */
public final class AnalyticsVendorHarness implements AutoCloseable {

    /** The warehouses every analytics connector is tested on. */
    public enum Target {
        DUCKDB, POSTGRES
    }

    /** 23:30 UTC: already the next day in Berlin, so Berlin's yesterday is UTC's today. */
    public static final Instant NEAR_MIDNIGHT_UTC = Instant.parse("2024-06-01T23:30:00Z");
    /** Yesterday in Berlin at {@link #NEAR_MIDNIGHT_UTC}. */
    public static final LocalDate BERLIN_YESTERDAY = LocalDate.parse("2024-06-01");

    private final Path folder;
    private final StockroomConfig config;
    private final Warehouse warehouse;
    private final Function<SourceConfig, Source> connectors;

    /**
     * @param sourceYaml the source's entry under {@code sources:}, indented as a list item
     * @param connectors builds the connector from its config (the factory, maybe tuned for tests)
     */
    public AnalyticsVendorHarness(Target target, String sourceYaml, Function<SourceConfig, Source> connectors)
            throws Exception {
        this.folder = Files.createTempDirectory("stockroom-analytics-");
        String warehouseUrl = target == Target.DUCKDB ? "duckdb:warehouse.duckdb" : TestDatabases.postgresUrl();
        String yaml = "warehouse: \"" + warehouseUrl + "\"\ntimezone: UTC\nsources:\n" + sourceYaml;
        Path file = folder.resolve("stockroom.yml");
        Files.writeString(file, yaml);
        this.config = ConfigLoader.parse(yaml, file, new EnvSubstitution(System::getenv, Map.of()));
        this.warehouse = Warehouse.open(Dialect.forUrl(config.warehouse(), folder, "512MB"));
        this.connectors = connectors;
    }

    public static Stream<Target> targets() {
        return Stream.of(Target.values());
    }

    public Path folder() {
        return folder;
    }

    public SourceConfig sourceConfig(String name) {
        return config.source(name).orElseThrow();
    }

    /** One sync at the given instant. */
    public RunSummary sync(Instant now, SyncOptions options) throws Exception {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        return new Sync(config, warehouse, clock, new RunListener() {
        }, 50_000, connectors).run(options);
    }

    /** What {@code stockroom status} would show at the given instant. */
    public List<dev.stockroom.pipeline.StreamStatus> status(Instant now) throws Exception {
        return new dev.stockroom.pipeline.StatusReader(config, warehouse, Clock.fixed(now, ZoneOffset.UTC)).read();
    }

    public static SyncOptions since(LocalDate day) {
        return new SyncOptions(List.of(), day, null, false, false);
    }

    /** A single number from the warehouse, e.g. a sum; 0 for NULL. */
    public long number(String sql) throws Exception {
        try (Statement s = warehouse.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every row of a table as column to text, ordered by all its data columns, without the load metadata. */
    public List<Map<String, String>> rowsWithoutLoadColumns(String table) throws Exception {
        List<Map<String, String>> out = new ArrayList<>();
        try (Statement s = warehouse.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String column = meta.getColumnName(i);
                    if (!column.equals("_loaded_at") && !column.equals("_run_id")) {
                        row.put(column, rs.getString(i));
                    }
                }
                out.add(row);
            }
        }
        out.sort(java.util.Comparator.comparing(Map::toString));
        return out;
    }

    @Override
    public void close() throws Exception {
        warehouse.close();
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
