package dev.stockroom.dashboard;

import dev.stockroom.warehouse.Dialect;
import dev.stockroom.warehouse.Warehouse;
import java.sql.SQLException;

/**
 * Where the dashboard gets a read connection for one request; the caller closes it.
 *
 * <p>{@link #perRequest} opens a read-only connection per request and closes it after, so that
 * writers get the warehouse between requests: a cron {@code sync} in another process, and the
 * syncs of {@code schedule} and {@code demo} in this one, whose write turns a DuckDB file's
 * requests wait for (DuckDB refuses a read-only instance beside a writable one in one process). The
 * reader is {@link Warehouse#openReadOnly}, hardened by the database on every engine: a locked
 * read-only DuckDB instance without external access, a SELECT-only PostgreSQL role or MariaDB
 * user.
 * User SQL never reaches a writer's connection.
 */
public interface ReadConnections {

    /** Opens a connection for one request, its session in {@code zone}. */
    Warehouse open(java.time.ZoneId zone) throws SQLException;

    /** The same in UTC. */
    default Warehouse open() throws SQLException {
        return open(java.time.ZoneId.of("UTC"));
    }

    /** Read-only connections of their own, one per request. */
    static ReadConnections perRequest(Dialect dialect) {
        return zone -> Warehouse.openReadOnly(dialect, zone);
    }
}
