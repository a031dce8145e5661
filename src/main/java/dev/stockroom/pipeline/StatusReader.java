package dev.stockroom.pipeline;

import dev.stockroom.config.Durations;
import dev.stockroom.config.SourceConfig;
import dev.stockroom.config.StockroomConfig;
import dev.stockroom.source.Incremental;
import dev.stockroom.source.Source;
import dev.stockroom.source.SourceTypes;
import dev.stockroom.source.StreamSpec;
import dev.stockroom.warehouse.Instants;
import dev.stockroom.warehouse.Names;
import dev.stockroom.warehouse.StateStore;
import dev.stockroom.warehouse.Warehouse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Reads every configured stream's health from the warehouse's bookkeeping tables. */
public final class StatusReader {

    private static final int GAP_DAYS = 30;
    /** The source name model builds are recorded under (ModelBuilder.SCHEMA; models sit above the pipeline). */
    private static final String MODELS = "analytics";

    private final StockroomConfig config;
    private final Warehouse warehouse;
    private final Clock clock;
    private final Function<SourceConfig, List<StreamSpec>> streams;

    /** Binds each source's connector to learn its streams. */
    public StatusReader(StockroomConfig config, Warehouse warehouse, Clock clock) {
        this(config, warehouse, clock, StatusReader::bind);
    }

    /** With each source's streams already known (a loaded project). */
    public StatusReader(StockroomConfig config, Warehouse warehouse, Clock clock,
                        Function<SourceConfig, List<StreamSpec>> streams) {
        this.config = config;
        this.warehouse = warehouse;
        this.clock = clock;
        this.streams = streams;
    }

    private static List<StreamSpec> bind(SourceConfig source) {
        try (Source connector = SourceTypes.create(source)) {
            return connector.streams();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("source " + source.name() + ": " + e.getMessage(), e);
        }
    }

    public List<StreamStatus> read() throws Exception {
        List<StreamStatus> out = new ArrayList<>();
        boolean bookkept = warehouse.tableExists(Warehouse.META, "runs");
        StateStore state = new StateStore(warehouse);
        for (SourceConfig sourceConfig : config.sources()) {
            LocalDate yesterday = new WindowPlanner(clock).yesterday(sourceConfig.timezone());
            for (StreamSpec stream : streams.apply(sourceConfig)) {
                String table = Names.snakeCase(stream.name());
                var saved = bookkept ? state.read(sourceConfig.name(), stream.name()) : java.util.Optional
                        .<StateStore.StreamState>empty();
                LocalDate newest = saved.map(StateStore.StreamState::newestCompleteDay).orElse(null);
                Instant reconciled = saved.map(StateStore.StreamState::reconciledAt).orElse(null);
                Instant success = bookkept ? lastRun(sourceConfig.name(), stream.name(), "success") : null;
                Instant failure = bookkept ? lastFailure(sourceConfig.name(), stream.name()) : null;
                String error = failure == null ? null : lastError(sourceConfig.name(), stream.name());
                boolean exists = warehouse.tableExists(sourceConfig.name(), table);
                long rows = exists ? count(sourceConfig.name(), table) : 0;
                List<LocalDate> gaps = exists && newest != null && stream.incremental() == Incremental.DAY_WINDOW
                        && stream.dayField() != null ? gaps(sourceConfig.name(), table, Names.snakeCase(stream.dayField()), newest) : List.of();
                long slack = Durations.wholeDays(sourceConfig.staleAfter());
                boolean stale = newest != null && newest.isBefore(yesterday.minusDays(slack));
                String warning = bookkept ? latestWarning(sourceConfig.name(), stream.name()) : null;
                long deleted = exists && warehouse.hasColumn(sourceConfig.name(), table, Warehouse.DELETED_AT)
                        ? count(sourceConfig.name(), table, Warehouse.DELETED_AT + " IS NOT NULL") : 0;
                List<String> notes = new ArrayList<>();
                if (bookkept && warehouse.hasColumn(Warehouse.META, "runs", "notes")) {
                    notes.addAll(lastNotes(sourceConfig.name(), stream.name()));
                    notes.addAll(typeNotes(sourceConfig.name(), table));
                }
                out.add(new StreamStatus(sourceConfig.name(), stream.name(), success, failure, error, rows, newest,
                        yesterday, gaps, stale, warning, deleted, reconciled, notes));
            }
        }
        if (bookkept) {
            out.addAll(models());
        }
        return out;
    }

    /** Models as the runs recorded them: built, failed, their rows; never stale (they follow the sources). */
    private List<StreamStatus> models() throws SQLException {
        String schema = MODELS;
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = warehouse.connection().prepareStatement("SELECT DISTINCT stream FROM "
                + warehouse.table(Warehouse.META, "runs") + " WHERE source = ? AND stream <> '*' ORDER BY stream")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        List<StreamStatus> out = new ArrayList<>();
        LocalDate yesterday = new WindowPlanner(clock).yesterday(config.timezone());
        for (String model : names) {
            Instant success = lastRun(schema, model, "success");
            Instant failure = lastFailure(schema, model);
            long rows = warehouse.tableExists(schema, model) ? count(schema, model) : 0;
            out.add(new StreamStatus(schema, model, success, failure, failure == null ? null : lastError(schema, model),
                    rows, null, yesterday, List.of(), false));
        }
        return out;
    }

    /** A run the process did not live to finish (killed, disk full under the run log) failed too. */
    private Instant lastFailure(String source, String stream) throws SQLException {
        Instant failed = lastRun(source, stream, "failed");
        Instant interrupted = lastRun(source, stream, "interrupted");
        return failed == null ? interrupted : interrupted == null || failed.isAfter(interrupted) ? failed : interrupted;
    }

    private Instant lastRun(String source, String stream, String status) throws SQLException {
        try (PreparedStatement ps = warehouse.connection().prepareStatement("SELECT MAX(finished_at) FROM "
                + warehouse.table(Warehouse.META, "runs") + " WHERE source = ? AND stream = ? AND status = ?")) {
            ps.setString(1, source);
            ps.setString(2, stream);
            ps.setString(3, status);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Instants.read(rs, 1) : null;
            }
        }
    }

    private String lastError(String source, String stream) throws SQLException {
        return newestRun(source, stream, "error", "status IN ('failed', 'interrupted')", rs -> rs.getString(1), null);
    }

    /** The warning of the stream's latest finished run, when that run did not fail but has one. */
    private String latestWarning(String source, String stream) throws SQLException {
        return newestRun(source, stream, "status, error", "finished_at IS NOT NULL",
                rs -> !"failed".equals(rs.getString(1)) && !"interrupted".equals(rs.getString(1))
                        ? rs.getString(2) : null, null);
    }

    /** The notes of the stream's last successful run that had any (a reconciliation, a conversion). */
    private List<String> lastNotes(String source, String stream) throws SQLException {
        return newestRun(source, stream, "notes", "status = 'success' AND notes IS NOT NULL",
                rs -> List.of(rs.getString(1).split("\n")), List.of());
    }

    /** Reads one row of the stream's newest run in {@code stockroom.runs} that meets {@code condition}. */
    private <T> T newestRun(String source, String stream, String columns, String condition, RowReader<T> read,
                            T none) throws SQLException {
        try (PreparedStatement ps = warehouse.connection().prepareStatement("SELECT " + columns + " FROM "
                + warehouse.table(Warehouse.META, "runs") + " WHERE source = ? AND stream = ? AND " + condition
                + " ORDER BY finished_at DESC")) {
            ps.setString(1, source);
            ps.setString(2, stream);
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read.read(rs) : none;
            }
        }
    }

    /** Reads the current row of a result. */
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Columns that stay text though the source sends typed values, with the reason. */
    private List<String> typeNotes(String schema, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = warehouse.connection().prepareStatement("SELECT column_name, type_note FROM "
                + warehouse.table(Warehouse.META, "columns") + " WHERE schema_name = ? AND table_name = ?"
                + " AND type_note IS NOT NULL ORDER BY column_name")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add("column " + rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        return out;
    }

    private long count(String schema, String table) throws SQLException {
        return count(schema, table, "1 = 1");
    }

    private long count(String schema, String table, String where) throws SQLException {
        try (Statement s = warehouse.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + warehouse.table(schema, table) + " WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Days in the 30 days up to the newest complete day that have no rows at all. */
    private List<LocalDate> gaps(String schema, String table, String dayColumn, LocalDate newest) throws SQLException {
        LocalDate from = newest.minusDays(GAP_DAYS - 1);
        Set<LocalDate> present = new HashSet<>();
        String text = warehouse.dialect().castableText();
        try (PreparedStatement ps = warehouse.connection().prepareStatement("SELECT DISTINCT CAST("
                + warehouse.dialect().quote(dayColumn) + " AS " + text + ") FROM " + warehouse.table(schema, table))) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String day = rs.getString(1);
                    if (day != null && day.length() >= 10) {
                        present.add(LocalDate.parse(day.substring(0, 10)));
                    }
                }
            }
        }
        LocalDate first = present.stream().filter(d -> !d.isBefore(from)).min(LocalDate::compareTo).orElse(newest);
        List<LocalDate> gaps = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(newest); d = d.plusDays(1)) {
            if (!present.contains(d)) {
                gaps.add(d);
            }
        }
        return gaps;
    }
}
