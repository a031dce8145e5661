package dev.stockroom.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The whole of stockroom.yml, validated. Connector and notifier settings stay as
 * {@link ConfigNode}s here: each connector binds its own typed record from them.
 *
 * @param file       the config file
 * @param warehouse  {@code duckdb:PATH} (relative to the config's folder) or a JDBC URL
 * @param memoryLimit the embedded DuckDB's memory limit, e.g. {@code 1GB}
 * @param timezone   the default reporting timezone
 * @param lookback   how much of the recent past an incremental run re-reads
 * @param schedule   the default cron expression for {@code stockroom schedule}
 * @param staleAfter how far past the expected newest complete day a stream counts as stale
 * @param warehouseWait how long a sync waits for its turn at a DuckDB file other syncs are writing
 */
public record StockroomConfig(
        Path file,
        String warehouse,
        String memoryLimit,
        ZoneId timezone,
        Duration lookback,
        String schedule,
        Duration staleAfter,
        List<ConfigNode> notifiers,
        Optional<ConfigNode> dashboard,
        List<SourceConfig> sources,
        Duration warehouseWait) {

    public static final String DEFAULT_WAREHOUSE = "duckdb:warehouse.duckdb";
    public static final ZoneId DEFAULT_TIMEZONE = ZoneId.of("UTC");
    public static final Duration DEFAULT_LOOKBACK = Duration.ofDays(7);
    public static final String DEFAULT_SCHEDULE = "13 8 * * *";
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofDays(2);
    public static final String DEFAULT_MEMORY_LIMIT = "1GB";
    public static final Duration DEFAULT_WAREHOUSE_WAIT = Duration.ofMinutes(30);

    public Path baseDir() {
        return file.toAbsolutePath().getParent();
    }

    public Optional<SourceConfig> source(String name) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
