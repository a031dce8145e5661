package dev.stockroom.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads stockroom.yml into a {@link StockroomConfig}, failing with file, line and key. */
public final class ConfigLoader {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Set<String> RESERVED = Set.of("stockroom", "analytics", "information_schema", "public",
            "main", "pg_catalog", "mysql", "performance_schema", "sys");

    private ConfigLoader() {
    }

    public static StockroomConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("no configuration at " + file + "; run 'stockroom init' to write one, "
                    + "or pass --config FILE");
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Path folder = file.toAbsolutePath().getParent();
        return parse(text, file, EnvSubstitution.forFolder(folder));
    }

    /** DuckDB names a database file's catalog after the file: "shop.duckdb" is catalog "shop". */
    private static String duckDbCatalog(String warehouse) {
        if (!warehouse.startsWith("duckdb:") && !warehouse.startsWith("jdbc:duckdb:")) {
            return null;
        }
        String name = java.nio.file.Path.of(warehouse.substring(warehouse.lastIndexOf(':') + 1)).getFileName().toString();
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** A schedule must parse now, not when the daemon first needs it. */
    private static String cron(ConfigNode node, String expression) {
        try {
            dev.stockroom.schedule.CronSchedule.parse(expression);
        } catch (IllegalArgumentException e) {
            throw node.error("schedule", e.getMessage());
        }
        return expression;
    }

    /** {@code exclude_fields: {members: [note, address.street]}}: per stream, for streams not listed in the config. */
    private static Map<String, List<String>> excludeFields(ConfigNode source) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        source.optObject("exclude_fields").ifPresent(node -> {
            for (String stream : node.keys()) {
                out.put(stream, node.strings(stream));
            }
            node.finish();
        });
        return out;
    }

    public static StockroomConfig parse(String text, Path file, EnvSubstitution env) {
        String name = file.getFileName().toString();
        YamlTree tree = YamlTree.parse(text, name);
        ConfigNode root = new ConfigNode(tree.root(), "", new ConfigFile(name, tree, env,
                file.toAbsolutePath().getParent()));

        String warehouse = root.string("warehouse", StockroomConfig.DEFAULT_WAREHOUSE);
        if (!warehouse.startsWith("duckdb:") && !warehouse.startsWith("jdbc:")) {
            throw root.error("warehouse", "'" + Secrets.redact(warehouse) + "' is not a warehouse; write "
                    + "duckdb:FILE or a JDBC URL (jdbc:postgresql://..., jdbc:mariadb://..., jdbc:mysql://...)");
        }
        String memoryLimit = root.string("memory_limit", StockroomConfig.DEFAULT_MEMORY_LIMIT);
        var timezone = root.optZone("timezone").orElse(StockroomConfig.DEFAULT_TIMEZONE);
        var globalLookback = root.optDuration("lookback");
        var lookback = globalLookback.orElse(StockroomConfig.DEFAULT_LOOKBACK);
        String schedule = cron(root, root.string("schedule", StockroomConfig.DEFAULT_SCHEDULE));
        var staleAfter = root.optDuration("stale_after").orElse(StockroomConfig.DEFAULT_STALE_AFTER);
        var warehouseWait = root.optDuration("warehouse_wait").orElse(StockroomConfig.DEFAULT_WAREHOUSE_WAIT);
        var startDate = root.optDate("start_date");
        List<ConfigNode> notify = root.objects("notify");
        var dashboard = root.optObject("dashboard");

        List<SourceConfig> sources = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigNode node : root.objects("sources")) {
            String sourceName = node.string("name");
            if (!NAME.matcher(sourceName).matches()) {
                throw node.error("name", "'" + sourceName + "' cannot name a warehouse schema; use lower-case "
                        + "letters, digits and _ starting with a letter");
            }
            if (RESERVED.contains(sourceName)) {
                throw node.error("name", "'" + sourceName + "' is reserved; choose another source name");
            }
            if (sourceName.equals(duckDbCatalog(warehouse))) {
                throw node.error("name", "source '" + sourceName + "' has the name of the DuckDB file "
                        + warehouse.substring(warehouse.indexOf(':') + 1) + ", which DuckDB uses for the whole database,"
                        + " so queries could not tell them apart; rename the source or the file");
            }
            if (!names.add(sourceName)) {
                throw node.error("name", "two sources are named '" + sourceName + "'; names must be unique");
            }
            var sourceLookback = node.optDuration("lookback");
            sources.add(new SourceConfig(
                    sourceName,
                    node.string("type"),
                    node.optZone("timezone").orElse(timezone),
                    sourceLookback.orElse(lookback),
                    cron(node, node.string("schedule", schedule)),
                    node.optDate("start_date").or(() -> startDate),
                    node.optDuration("stale_after").orElse(staleAfter),
                    node,
                    sourceLookback.isPresent() || globalLookback.isPresent(),
                    excludeFields(node)));
        }
        root.finish();
        return new StockroomConfig(file, warehouse, memoryLimit, timezone, lookback, schedule, staleAfter,
                notify, dashboard, sources, warehouseWait);
    }
}
