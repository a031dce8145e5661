package dev.stockroom.warehouse;

import java.sql.SQLException;

/**
 * The warehouse is held by another process for now (DuckDB lets one process write a file):
 * worth waiting a moment for, unlike other failures to open it.
 */
public final class WarehouseBusyException extends SQLException {

    public WarehouseBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
