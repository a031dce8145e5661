package dev.stockroom.warehouse.duckdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * DuckDB's JDBC driver copies its native library (about 70 MB) into the temp folder as
 * {@code libduckdb_java*.so} each time a JVM loads it, and removes it only when the JVM exits
 * normally; the driver has no setting for the folder. A killed process leaves its copy behind, so
 * copies older than {@link #STALE} are removed once per process before DuckDB is first loaded. A
 * live process that has the library loaded keeps its mapping (Linux and macOS unlink, they do not
 * unload); on Windows the delete of a loaded copy fails and is skipped.
 */
final class NativeLibraryCopies {

    /** Older than any copy still being written by a process starting up. */
    static final Duration STALE = Duration.ofMinutes(10);

    private static boolean done;

    private NativeLibraryCopies() {
    }

    static synchronized void removeStaleOnce() {
        if (done) {
            return;
        }
        done = true;
        Instant before = Instant.now().minus(STALE);
        try (var entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            for (Path copy : (Iterable<Path>) entries::iterator) {
                String name = copy.getFileName().toString();
                if (name.startsWith("libduckdb_java") && name.endsWith(".so") && Files.isRegularFile(copy)
                        && Files.getLastModifiedTime(copy).toInstant().isBefore(before)) {
                    Files.deleteIfExists(copy);
                }
            }
        } catch (IOException | RuntimeException e) {
            // A courtesy: a leftover copy costs disk, never correctness.
        }
    }
}
