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

    /**
     * A stream's saved state.
     *
     * @param reconciledAt when the stream's last complete read (full read, {@code --full} or
     *                     reconciliation) finished and its deletions were marked; null before the first
     */
    public record StreamState(String cursor, LocalDate newestCompleteDay, Instant updatedAt, Instant reconciledAt) {
    }

    private final Warehouse warehouse;
    /** Whether state has reconciled_at: a read-only open of a warehouse no sync has migrated yet lacks it. */
    private Boolean migrated;

    public StateStore(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    public Optional<StreamState> read(String source, String stream) throws SQLException {
        return warehouse.turn(() -> readNow(source, stream));
    }

    private Optional<StreamState> readNow(String source, String stream) throws SQLException {
        if (migrated == null) {
            migrated = warehouse.hasColumn(Warehouse.META, "state", "reconciled_at");
        }
        try (PreparedStatement ps = warehouse.connection().prepareStatement("SELECT cursor_value, "
                + "CAST(newest_complete_day AS " + warehouse.dialect().castableText() + "), updated_at, "
                + (migrated ? "reconciled_at" : "updated_at") + " FROM "
                + warehouse.table(Warehouse.META, "state") + " WHERE source = ? AND stream = ?")) {
            ps.setString(1, source);
            ps.setString(2, stream);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String day = rs.getString(2);
                return Optional.of(new StreamState(rs.getString(1), day == null ? null : LocalDate.parse(day),
                        Instants.read(rs, 3), migrated ? Instants.read(rs, 4) : null));
            }
        }
    }

    /** Saves inside the caller's transaction; the newest complete day never moves back. */
    public void save(StateUpdate update) throws SQLException {
        save(update, null);
    }

    /**
     * Saves as {@link #save(StateUpdate)}; a stream's first state also starts its reconciliation
     * period at {@code at} (its rows are as fresh as a complete read's), so a first backfill with
     * {@code --since} is not followed at once by a complete read.
     */
    public void save(StateUpdate update, Instant at) throws SQLException {
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
        if (at != null && before.isEmpty()) {
            markReconciled(update.source(), update.stream(), at);
        }
    }

    /** Records, inside the caller's transaction, that a complete read of the stream finished at {@code at}. */
    public void markReconciled(String source, String stream, Instant at) throws SQLException {
        try (PreparedStatement ps = warehouse.connection().prepareStatement("UPDATE "
                + warehouse.table(Warehouse.META, "state") + " SET reconciled_at = " + warehouse.castTimestamp()
                + " WHERE source = ? AND stream = ?")) {
            ps.setString(1, Warehouse.timestampText(at));
            ps.setString(2, source);
            ps.setString(3, stream);
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
