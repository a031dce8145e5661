package dev.stockroom.warehouse;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** {@code stockroom.state}: per stream, the cursor and the newest complete day. */
public final class StateStore {

    /** A stream's saved state. */
    public record StreamState(String cursor, LocalDate newestCompleteDay, Instant updatedAt) {
    }

    private final Warehouse warehouse;

    public StateStore(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    public Optional<StreamState> read(String source, String stream) throws SQLException {
        return warehouse.turn(() -> readNow(source, stream));
    }

    private Optional<StreamState> readNow(String source, String stream) throws SQLException {
        try (PreparedStatement ps = warehouse.connection().prepareStatement("SELECT cursor_value, "
                + "CAST(newest_complete_day AS " + warehouse.dialect().castableText() + "), updated_at FROM "
                + warehouse.table(Warehouse.META, "state") + " WHERE source = ? AND stream = ?")) {
            ps.setString(1, source);
            ps.setString(2, stream);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String day = rs.getString(2);
                return Optional.of(new StreamState(rs.getString(1), day == null ? null : LocalDate.parse(day),
                        Instants.read(rs, 3)));
            }
        }
    }

    /** Saves inside the caller's transaction; the newest complete day never moves back. */
    public void save(StateUpdate update) throws SQLException {
        Optional<StreamState> before = read(update.source(), update.stream());
        LocalDate day = update.newestCompleteDay();
        if (before.isPresent() && before.get().newestCompleteDay() != null
                && (day == null || before.get().newestCompleteDay().isAfter(day))) {
            day = before.get().newestCompleteDay();
        }
        String cursor = update.cursor() != null ? update.cursor() : before.map(StreamState::cursor).orElse(null);
        Dialect d = warehouse.dialect();
        String text = "CAST(? AS " + d.castableText() + ")";
        String sql = d.upsert(warehouse.table(Warehouse.META, "state"),
                List.of("source", "stream", "cursor_value", "newest_complete_day", "updated_at"),
                List.of("source", "stream"),
                "SELECT " + text + ", " + text + ", " + text + ", CAST(? AS " + d.typeName(ColumnType.DATE, false)
                        + "), " + warehouse.castTimestamp());
        try (PreparedStatement ps = warehouse.connection().prepareStatement(sql)) {
            ps.setString(1, update.source());
            ps.setString(2, update.stream());
            ps.setString(3, cursor);
            ps.setString(4, day == null ? null : day.toString());
            ps.setString(5, Warehouse.timestampText(Instant.now()));
            ps.executeUpdate();
        }
    }

    /** Forgets a stream's state, for {@code --full}. */
    public void reset(String source, String stream) throws SQLException {
        warehouse.turn(() -> {
            try (PreparedStatement ps = warehouse.connection().prepareStatement("DELETE FROM "
                    + warehouse.table(Warehouse.META, "state") + " WHERE source = ? AND stream = ?")) {
                ps.setString(1, source);
                ps.setString(2, stream);
                return ps.executeUpdate();
            }
        });
    }

}
