package dev.stockroom.dashboard;

import dev.stockroom.warehouse.Warehouse;
import dev.stockroom.warehouse.WarehouseBusyException;
import java.sql.SQLException;

/**
 * Opens a request's read connection, waiting briefly while another process (a {@code sync})
 * holds a DuckDB file, and turning what cannot be helped into a message for the page.
 */
final class WarehouseAccess {

    private static final int ATTEMPTS = 10;
    private static final long PAUSE_MILLIS = 300;

    /** The warehouse cannot be read now; the message says why and what to do. */
    static final class Unavailable extends Exception {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private WarehouseAccess() {
    }

    /** A read connection whose session runs in {@code zone}, the project's timezone. */
    static Warehouse open(ReadConnections reads) throws Unavailable, InterruptedException {
        return open(reads, java.time.ZoneId.of("UTC"));
    }

    static Warehouse open(ReadConnections reads, java.time.ZoneId zone) throws Unavailable, InterruptedException {
        SQLException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return reads.open(zone);
            } catch (SQLException e) {
                last = e;
                if (!(e instanceof WarehouseBusyException)) {
                    break;
                }
                Thread.sleep(PAUSE_MILLIS);
            }
        }
        String message = String.valueOf(last.getMessage());
        if (last instanceof WarehouseBusyException) {
            throw new Unavailable("The warehouse is busy: another process (probably a sync) is writing to it. "
                    + "Reload the page in a moment.", last);
        }
        if (message.contains("does not exist")) {
            throw new Unavailable("There is no warehouse yet: run stockroom sync to load it.", last);
        }
        throw new Unavailable("Cannot open the warehouse: " + message, last);
    }
}
