package dev.stockroom.pipeline;

import dev.stockroom.source.SourceException;
import dev.stockroom.source.SqlFaults;
import dev.stockroom.warehouse.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;

/**
 * What a failed stream's message says and whether it looks transient, for the conditions where the
 * raw error does not tell the owner what to do: a full disk (which folder, how much is free) and a
 * dropped warehouse connection (which warehouse, that the next run retries).
 */
final class FailureAdvice {

    private final Dialect warehouse;
    private final Path spoolFolder;

    FailureAdvice(Dialect warehouse, Path spoolFolder) {
        this.warehouse = warehouse;
        this.spoolFolder = spoolFolder;
    }

    String describe(Throwable e) {
        String text = Sync.describe(e);
        Throwable full = diskFull(e);
        if (full != null) {
            text = String.valueOf(full.getMessage());
            // Spooling writes files (IOException); the warehouse reports through the driver (SQLException).
            Path folder = find(e, IOException.class) != null && find(e, SQLException.class) == null
                    ? spoolFolder : warehouse.folder().orElse(null);
            if (folder == null) {
                return "the disk of the warehouse server " + warehouse.describe() + " is full (" + text
                        + "); free space on it, then sync again";
            }
            return "the disk is full: " + folder + " has " + free(folder) + " free (" + text + "); free space there"
                    + (folder.equals(spoolFolder) ? " or start Java with -Djava.io.tmpdir=DIR on a larger disk" : "")
                    + ", then sync again";
        }
        SQLException sql = find(e, SQLException.class);
        if (sql != null && find(e, SourceException.class) == null && SqlFaults.connectionLost(sql)) {
            return "lost the connection to the warehouse " + warehouse.describe() + " (" + text + "); nothing "
                    + "committed is lost, and the next run retries from the last committed chunk";
        }
        return text;
    }

    boolean isTransient(Throwable e) {
        if (diskFull(e) != null) {
            return false;
        }
        SourceException source = find(e, SourceException.class);
        if (source != null) {
            return source.isTransient();
        }
        SQLException sql = find(e, SQLException.class);
        return sql != null ? SqlFaults.isTransient(sql) : Sync.isTransient(e);
    }

    /** The error in the chain that says the disk is full, or null. */
    private static Throwable diskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("no space left on device") || m.contains("disk is full") || m.contains("disk full")
                    || (t instanceof SQLException s && "53100".equals(s.getSQLState()))) {
                return t;
            }
        }
        return null;
    }

    private static String free(Path folder) {
        while (folder != null && !Files.exists(folder)) {
            folder = folder.getParent(); // a folder that could not be created sits on its parent's disk
        }
        try {
            long bytes = Files.getFileStore(folder).getUsableSpace();
            return bytes >= 1 << 20 ? String.format("%,d MB", bytes >> 20) : String.format("%,d bytes", bytes);
        } catch (IOException | NullPointerException e) {
            return "an unknown amount";
        }
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
