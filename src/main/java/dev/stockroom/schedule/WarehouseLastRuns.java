package dev.stockroom.schedule;

import dev.stockroom.warehouse.Instants;
import dev.stockroom.warehouse.Warehouse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * When each source last started a run, from {@code stockroom.runs}: a failed run counts as run,
 * so the daemon does not treat it as missed.
 */
public final class WarehouseLastRuns implements LastRuns {

    private final Callable<Warehouse> open;

    public WarehouseLastRuns(Callable<Warehouse> open) {
        this.open = open;
    }

    @Override
    public Optional<Instant> lastRun(String source) {
        try (Warehouse w = open.call();
             PreparedStatement ps = w.connection().prepareStatement("SELECT MAX(started_at) FROM "
                     + w.table(Warehouse.META, "runs") + " WHERE source = ?")) {
            ps.setString(1, source);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(Instants.read(rs, 1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read stockroom.runs: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
