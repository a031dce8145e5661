package dev.stockroom.warehouse;

import java.sql.SQLException;

/**
 * The server holds this project's data in an older layout that Stockroom will not silently start
 * beside: the message says what was found and the statements that move it (a configuration
 * matter for the owner, not a failed run).
 */
public final class MigrationNeededException extends SQLException {

    public MigrationNeededException(String message) {
        super(message);
    }
}
