package dev.stockroom.source;

import java.sql.SQLException;
import java.sql.SQLNonTransientException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Whether a database error will likely fix itself (a dropped connection, a server restarting, a
 * deadlock) or needs the owner (a missing database, a wrong password, no permission, an unknown
 * table), by the SQLSTATE the server sent, which every driver reports, rather than by message text.
 */
public final class SqlFaults {

    private SqlFaults() {
    }

    /** Transient: retrying later is the fix. */
    public static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.length() >= 2) {
            if (state.startsWith("08") || state.startsWith("57P") || state.equals("40001") || state.equals("40P01")
                    || state.equals("53300") || state.equals("HYT00") || state.equals("HYT01")) {
                return true;
            }
            if (state.startsWith("28") || state.startsWith("3D") || state.startsWith("42") || state.startsWith("22")
                    || state.startsWith("0A") || state.equals("53100")) {
                return false;
            }
        }
        return e instanceof SQLTransientException || e instanceof SQLRecoverableException
                || (!(e instanceof SQLNonTransientException) && connectionClosed(e));
    }

    /** The connection itself is gone (a killed backend, a restarted server, a network cut). */
    public static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return (state != null && (state.startsWith("08") || state.startsWith("57P"))) || connectionClosed(e);
    }

    private static boolean connectionClosed(SQLException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return message.contains("connection has been closed") || message.contains("connection is closed")
                || message.contains("i/o error");
    }
}
