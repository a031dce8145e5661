package dev.stockroom.source.jdbc;

import dev.stockroom.config.ConfigNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code init_sql}: statements run on each new source connection before reading, e.g.
 * {@code SET statement_timeout = '5min'}, or building a fixture database in the examples. Given
 * inline, or as a {@code .sql} file relative to the config.
 */
final class InitSql {

    private InitSql() {
    }

    static String read(ConfigNode settings) {
        String value = settings.optString("init_sql").orElse(null);
        if (value == null || !value.strip().endsWith(".sql") || value.contains("\n")) {
            return value;
        }
        Path file = settings.baseDir().resolve(value.strip());
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw settings.error("init_sql", "cannot read " + file + ": " + e.getMessage());
        }
    }

    static void run(Connection c, String sql) throws SQLException {
        if (sql == null) {
            return;
        }
        try (Statement s = c.createStatement()) {
            for (String statement : sql.split(";\\s*(\\r?\\n|$)")) {
                String trimmed = statement.strip();
                if (!trimmed.isEmpty() && !trimmed.lines().allMatch(l -> l.strip().startsWith("--") || l.isBlank())) {
                    s.execute(trimmed);
                }
            }
        }
    }
}
