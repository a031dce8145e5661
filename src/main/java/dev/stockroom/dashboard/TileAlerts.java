package dev.stockroom.dashboard;

import dev.stockroom.config.Secrets;
import dev.stockroom.warehouse.Column;
import dev.stockroom.warehouse.ColumnType;
import dev.stockroom.warehouse.Warehouse;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the tiles that declare {@code alert:} after a sync. A tile's number is taken over the
 * last 7 days against the 7 before ({@link TileNumbers}); an alert fires when it falls below
 * {@code below} or drops by {@code drop_pct} percent. Whether each alert was firing is kept in
 * {@code stockroom.alerts}, so the owner hears once when it crosses and once when it recovers,
 * not after every sync.
 */
public final class TileAlerts {

    /** What to send: one message per crossing. */
    public record Message(String subject, String body) {
    }

    static final String PRESET = "last7";
    private static final String TABLE = "alerts";

    private final Path dashboardsDir;
    private final Path modelsDir;
    private final ZoneId zone;
    private final Clock clock;

    public TileAlerts(Path dashboardsDir, Path modelsDir, ZoneId zone, Clock clock) {
        this.dashboardsDir = dashboardsDir;
        this.modelsDir = modelsDir;
        this.zone = zone;
        this.clock = clock;
    }

    /** Evaluates every alert, records what fires, and returns the messages for what changed. */
    public List<Message> check(Warehouse writer) throws Exception {
        DashboardFiles.Loaded loaded = new DashboardFiles(dashboardsDir, modelsDir).load();
        List<Message> out = new ArrayList<>();
        boolean any = loaded.dashboards().stream().flatMap(d -> d.tiles().stream()).anyMatch(t -> t.alert() != null);
        if (!any) {
            return out;
        }
        ensureTable(writer);
        Map<String, Boolean> before = writer.turn(() -> firing(writer));
        Map<String, Boolean> now = new HashMap<>();
        List<Message> crossings = new ArrayList<>();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        TileNumbers numbers = new TileNumbers(new QueryRunner(10_000, DashboardSettings.DEFAULT_BYTE_LIMIT, java.time.Duration.ofSeconds(60)), modelsDir);
        try (Warehouse reader = TileNumbers.reader(writer, zone)) {
            for (Dashboard d : loaded.dashboards()) {
                for (Tile t : d.tiles()) {
                    if (t.alert() == null) {
                        continue;
                    }
                    String key = d.slug() + "/" + t.title();
                    TileNumbers.Headline h = numbers.of(reader, d, t, PRESET, today);
                    if (h.error() != null) {
                        continue; // a broken tile shows its error on the page; it neither fires nor recovers
                    }
                    String reason = reason(t.alert(), h);
                    boolean fires = reason != null;
                    now.put(key, fires);
                    boolean was = before.getOrDefault(key, false);
                    if (fires && !was) {
                        crossings.add(new Message("Stockroom: " + t.title() + " " + reason,
                                d.title() + " / " + t.title() + ": " + h.described() + ". " + rule(t.alert()) + "."));
                    } else if (!fires && was) {
                        crossings.add(new Message("Stockroom: " + t.title() + " is back to normal",
                                d.title() + " / " + t.title() + ": " + h.described() + ". " + rule(t.alert()) + "."));
                    }
                }
            }
        }
        writer.turn(() -> {
            record(writer, now);
            return null;
        });
        out.addAll(crossings);
        return out;
    }

    /** Why the alert fires, or null when it does not. */
    static String reason(Tile.Alert alert, TileNumbers.Headline h) {
        if (alert.below() != null && h.value() != null && h.value() < alert.below()) {
            return "is below " + h.shown(alert.below()) + ": " + h.shown(h.value());
        }
        Double drop = h.dropPct();
        if (alert.dropPct() != null && drop != null && drop >= alert.dropPct()) {
            return String.format(java.util.Locale.ENGLISH, "dropped %.1f%%", drop);
        }
        return null;
    }

    private static String rule(Tile.Alert alert) {
        List<String> parts = new ArrayList<>();
        if (alert.below() != null) {
            parts.add("alerts below " + Columns.format(alert.below(), false));
        }
        if (alert.dropPct() != null) {
            parts.add("alerts on a drop of " + Columns.format(alert.dropPct(), false) + "% or more");
        }
        return "The tile " + String.join(" and ", parts);
    }

    private static void ensureTable(Warehouse w) throws SQLException {
        w.execute(w.createTable(Warehouse.META, TABLE, List.of(new Column("alert", ColumnType.STRING, "alert"),
                new Column("firing", ColumnType.BOOLEAN, "firing")), List.of("alert"), false));
    }

    private static Map<String, Boolean> firing(Warehouse w) throws SQLException {
        Map<String, Boolean> out = new HashMap<>();
        try (PreparedStatement s = w.connection().prepareStatement("SELECT " + w.dialect().quote("alert") + ", firing FROM "
                + w.table(Warehouse.META, TABLE));
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getBoolean(2));
            }
        }
        return out;
    }

    private static void record(Warehouse w, Map<String, Boolean> now) throws SQLException {
        boolean auto = w.connection().getAutoCommit();
        w.connection().setAutoCommit(false);
        try {
            for (Map.Entry<String, Boolean> e : now.entrySet()) {
                try (PreparedStatement del = w.connection().prepareStatement("DELETE FROM "
                        + w.table(Warehouse.META, TABLE) + " WHERE " + w.dialect().quote("alert") + " = ?")) {
                    del.setString(1, e.getKey());
                    del.executeUpdate();
                }
                try (PreparedStatement ins = w.connection().prepareStatement("INSERT INTO "
                        + w.table(Warehouse.META, TABLE) + " VALUES (?, ?)")) {
                    ins.setString(1, e.getKey());
                    ins.setBoolean(2, e.getValue());
                    ins.executeUpdate();
                }
            }
            w.connection().commit();
        } catch (SQLException e) {
            w.connection().rollback();
            throw new SQLException("cannot record alert states: " + Secrets.redact(e.getMessage()), e);
        } finally {
            w.connection().setAutoCommit(auto);
        }
    }
}
