package dev.stockroom.cli;

import dev.stockroom.config.ConfigException;
import dev.stockroom.config.ConfigLoader;
import dev.stockroom.config.Secrets;
import dev.stockroom.config.SourceConfig;
import dev.stockroom.config.StockroomConfig;
import dev.stockroom.pipeline.LockedException;
import dev.stockroom.notify.Notifiers;
import dev.stockroom.source.Source;
import dev.stockroom.source.SourceTypes;
import dev.stockroom.source.StreamSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.stockroom.warehouse.Dialect;
import dev.stockroom.warehouse.MigrationNeededException;
import dev.stockroom.warehouse.Warehouse;
import dev.stockroom.warehouse.WarehouseBusyException;
import dev.stockroom.warehouse.WarehouseWait;
import java.sql.SQLException;

/** A loaded, fully validated configuration and the warehouse it points at. */
final class Project {

    final StockroomConfig config;
    final Dialect dialect;
    final Notifiers notifiers;
    /** Each source's streams, learnt while validating, so that no one binds a connector again for them. */
    final Map<String, List<StreamSpec>> streams;

    private Project(StockroomConfig config, Dialect dialect, Notifiers notifiers, Map<String, List<StreamSpec>> streams) {
        this.config = config;
        this.dialect = dialect;
        this.notifiers = notifiers;
        this.streams = streams;
    }

    /** The streams of a source, as its connector declared them. */
    List<StreamSpec> streamsOf(SourceConfig source) {
        return streams.get(source.name());
    }

    /** Loads and validates everything the config names, without touching the network. */
    static Project load(GlobalOptions options) {
        StockroomConfig config = ConfigLoader.load(options.configFile());
        Map<String, List<StreamSpec>> streams = new LinkedHashMap<>();
        for (SourceConfig source : config.sources()) {
            try (Source connector = SourceTypes.create(source)) {
                // Binding the connector validates its keys; nothing else happens here.
                streams.put(source.name(), connector.streams());
                checkExcludedStreams(config, source, connector.streams());
            } catch (ConfigException e) {
                throw e;
            } catch (Exception e) {
                throw new ConfigException(config.file().getFileName() + ": source " + source.name() + ": "
                        + e.getMessage(), e);
            }
        }
        Dialect dialect;
        try {
            dialect = Dialect.forUrl(config.warehouse(), config.baseDir(), config.memoryLimit());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(config.file().getFileName() + ": warehouse: " + e.getMessage());
        }
        for (SourceConfig source : config.sources()) {
            try {
                dialect.namespace().schema(source.name());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(config.file().getFileName() + ": source " + source.name() + ": "
                        + e.getMessage());
            }
        }
        // User queries go to dashboard.warehouse when the owner gives one (SPEC §2).
        java.util.Optional<String> readerUrl = dev.stockroom.dashboard.DashboardSettings
                .from(config.dashboard(), System::getenv).readerUrl();
        if (readerUrl.isPresent()) {
            try {
                dialect = dialect.withReaderUrl(readerUrl.get());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(config.file().getFileName() + ": dashboard.warehouse: " + e.getMessage());
            }
        }
        return new Project(config, dialect, new Notifiers(Notifiers.fromConfig(config.notifiers())), streams);
    }

    /**
     * What each stream leaves out of its records ("credentials: ...; exclude_fields: ..."), keyed
     * {@code source.stream}; streams that keep every field are absent. For status and --dry-run,
     * so that a typo in a path (which excludes nothing) can be seen.
     */
    Map<String, String> exclusions() {
        Map<String, String> out = new LinkedHashMap<>();
        for (SourceConfig source : config.sources()) {
            for (StreamSpec spec : streamsOf(source)) {
                dev.stockroom.source.ExcludedFields excluded = dev.stockroom.source.ExcludedFields.of(source, spec);
                if (!excluded.isEmpty()) {
                    out.put(source.name() + "." + spec.name(), excluded.describe());
                }
            }
        }
        return out;
    }

    /**
     * A source-level {@code exclude_fields} entry must name one of the source's streams, and no
     * exclusion may drop a stream's key or day field: its rows could not be merged any more.
     */
    private static void checkExcludedStreams(StockroomConfig config, SourceConfig source, List<StreamSpec> specs) {
        List<String> names = specs.stream().map(StreamSpec::name).toList();
        for (StreamSpec spec : specs) {
            List<String> needed = new java.util.ArrayList<>(spec.primaryKey());
            if (spec.dayField() != null) {
                needed.add(spec.dayField());
            }
            List<String> dropped = dev.stockroom.pipeline.FieldExclusion.dropped(
                    dev.stockroom.source.ExcludedFields.of(source, spec), needed);
            if (!dropped.isEmpty()) {
                throw new ConfigException(config.file().getFileName() + " (source " + source.name() + ", stream "
                        + spec.name() + "): exclude_fields drops " + String.join(", ", dropped) + ", which the "
                        + "stream needs as its primary_key or day field; take it out of exclude_fields");
            }
        }
        for (String stream : source.excludeFields().keySet()) {
            if (!names.contains(stream)) {
                throw new ConfigException(config.file().getFileName() + " (sources." + source.name()
                        + ".exclude_fields): source " + source.name() + " has no stream '" + stream + "'"
                        + dev.stockroom.config.Nearest.hint(stream, names) + " (its streams: "
                        + String.join(", ", names) + ")");
            }
        }
    }

    /**
     * Opens the warehouse for {@code who} (e.g. {@code sync of shop}) to write in turns: an embedded
     * file is held only while a chunk, the run log or a model is written, waiting its turn behind
     * other writers up to {@code warehouse_wait}, with a line on stderr when the wait is noticeable.
     */
    Warehouse openWarehouse(String who) {
        try {
            return Warehouse.openInTurns(dialect, new WarehouseWait(who, config.warehouseWait(),
                    line -> System.err.println("stockroom: " + who + ": " + line)));
        } catch (SQLException e) {
            throw explain(e);
        }
    }

    /** The reader user SQL runs on (see {@link Warehouse#openReadOnly}). */
    Warehouse openReadOnly() {
        return openExisting(() -> Warehouse.openReadOnly(dialect));
    }

    /**
     * A read-only session of the warehouse user, for Stockroom's own queries ({@code status}):
     * they need no reader role, so they work where the user may not create one.
     */
    Warehouse openBookkeeping() {
        return openExisting(() -> Warehouse.openSession(dialect));
    }

    private interface Opener {
        Warehouse open() throws SQLException;
    }

    private Warehouse openExisting(Opener opener) {
        if (!dialect.exists()) {
            throw new IllegalStateException("the warehouse " + dialect.describe() + " does not exist yet; "
                    + "run 'stockroom sync' first");
        }
        try {
            return opener.open();
        } catch (SQLException e) {
            throw explain(e);
        }
    }

    private RuntimeException explain(SQLException e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof MigrationNeededException) {
            return new ConfigException("the warehouse " + dialect.describe() + ": " + message);
        }
        if (e instanceof WarehouseBusyException) {
            return new LockedException("the warehouse " + dialect.describe() + " is in use by another process ("
                    + message.replaceAll("(?s).*(PID \\d+).*", "$1") + "); wait for it, or stop it");
        }
        return new IllegalStateException("cannot open the warehouse " + dialect.describe() + ": "
                + Secrets.redact(message), e);
    }
}
