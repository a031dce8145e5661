package dev.stockroom.dashboard;

import dev.stockroom.warehouse.Dialect;
import dev.stockroom.warehouse.Warehouse;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the dashboard gets a read connection for one request; the caller closes it.
 *
 * <p>DuckDB lets one process write a file, and within a process refuses a read-only connection
 * next to a writable one. So:
 * <ul>
 * <li>{@link #perRequest}: {@code stockroom serve} alone opens a reader per request and closes it
 *     after, so a cron {@code sync} in another process can take the file between requests. The
 *     reader is {@link Warehouse#openReadOnly}, hardened by the database on every engine: a locked
 *     read-only DuckDB instance without external access, a SELECT-only PostgreSQL role or MariaDB
 *     user. Every user query should come through it.</li>
 * <li>{@link #sharedWith}: served inside the writing process ({@code schedule}, {@code demo}), it
 *     reads through the writer's database instance. The database does not refuse writes there, so
 *     every query also passes {@link ReadOnlySql} and runs in a transaction that is rolled back.</li>
 * </ul>
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

    /**
     * Connections to the database instance of {@code anchor}, an open writable connection that the
     * owner keeps open for the server's life. Where the driver can duplicate a connection onto the
     * same instance (DuckDB) it does; elsewhere read-only connections of their own are opened.
     */
    static ReadConnections sharedWith(Dialect dialect, Connection anchor) {
        return zone -> {
            if (anchor.isWrapperFor(org.duckdb.DuckDBConnection.class)) {
                Warehouse w = Warehouse.using(dialect, anchor.unwrap(org.duckdb.DuckDBConnection.class).duplicate());
                w.execute(dialect.sessionTimeZone(zone));
                return w;
            }
            return Warehouse.openReadOnly(dialect, zone);
        };
    }
}
