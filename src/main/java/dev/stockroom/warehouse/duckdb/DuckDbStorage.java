package dev.stockroom.warehouse.duckdb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which on-disk format a warehouse file is written in. The engine (DuckDB 2.0) would write its
 * newest format by default, which no DuckDB 1.x client (Metabase's driver, Evidence,
 * {@code @duckdb/node-api} 1.x) can open. Files are therefore created with the 1.0 storage format
 * (header version 64), which every DuckDB since 0.10 reads; the column types Stockroom writes all
 * exist in it. A file already in a newer format is copied once into this format.
 */
final class DuckDbStorage {

    /** What {@code storage_compatibility_version} new files get. */
    static final String VERSION = "v1.0.0";
    /** The header version number {@link #VERSION} writes. */
    static final long HEADER_VERSION = 64;

    private static final Logger LOG = LoggerFactory.getLogger(DuckDbStorage.class);

    private DuckDbStorage() {
    }

    /** Connection properties that make a newly created file readable by DuckDB 1.x. */
    static void apply(Properties props) {
        props.setProperty("storage_compatibility_version", VERSION);
    }

    /**
     * The header version of a DuckDB file: bytes 8–11 are {@code DUCK}, 12–19 the version
     * (little endian). Empty when the file is absent, empty or not a DuckDB file.
     */
    static java.util.OptionalLong headerVersion(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) < 20) {
            return java.util.OptionalLong.empty();
        }
        byte[] head = new byte[20];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 20) < 20) {
                return java.util.OptionalLong.empty();
            }
        }
        if (head[8] != 'D' || head[9] != 'U' || head[10] != 'C' || head[11] != 'K') {
            return java.util.OptionalLong.empty();
        }
        return java.util.OptionalLong.of(ByteBuffer.wrap(head, 12, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
    }

    /**
     * Converts {@code file} to {@link #VERSION} if it is written in a newer format: the data is
     * copied into {@code FILE.converting}, which replaces the file in one atomic rename only once
     * complete, so a failure at any point leaves the original untouched. Runs once: afterwards the
     * header says {@value #HEADER_VERSION}.
     *
     * @return whether the file was converted
     */
    static boolean convertIfNewer(Path file) throws SQLException {
        long version;
        try {
            java.util.OptionalLong v = headerVersion(file);
            if (v.isEmpty() || v.getAsLong() <= HEADER_VERSION) {
                return false;
            }
            version = v.getAsLong();
        } catch (IOException e) {
            throw new SQLException("cannot read the header of " + file + ": " + e.getMessage(), e);
        }
        Path target = file.resolveSibling(file.getFileName() + ".converting");
        LOG.warn("{} is in DuckDB storage format {}, which DuckDB 1.x clients (Metabase, Evidence) cannot open; "
                + "converting it once to the {} format (the original stays until the copy is complete)",
                file, version, VERSION);
        try {
            Files.deleteIfExists(target);
            Files.deleteIfExists(target.resolveSibling(target.getFileName() + ".wal"));
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
                 Statement s = c.createStatement()) {
                String db = "stockroom_1x";
                s.execute("ATTACH '" + target.toString().replace("'", "''") + "' AS " + db
                        + " (STORAGE_VERSION '" + VERSION + "')");
                s.execute("COPY FROM DATABASE \"" + currentDatabase(s) + "\" TO " + db);
                s.execute("DETACH " + db);
            }
            Files.move(target, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new SQLException("converting " + file + " to DuckDB storage " + VERSION + " failed (the file is "
                    + "unchanged; " + target + " can be deleted): " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new SQLException("converting " + file + " to DuckDB storage " + VERSION + " failed (the file is "
                    + "unchanged; " + target + " can be deleted): " + e.getMessage(), e);
        }
        LOG.warn("{} converted to DuckDB storage format {}", file, VERSION);
        return true;
    }

    private static String currentDatabase(Statement s) throws SQLException {
        try (var rs = s.executeQuery("SELECT current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
