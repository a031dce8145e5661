package dev.stockroom.warehouse.duckdb;

import dev.stockroom.warehouse.WarehouseBusyException;
import dev.stockroom.warehouse.WarehouseWait;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Turns on one DuckDB file within this process. DuckDB shares one database instance between the
 * connections of a process that open a file with the same settings, and refuses a connection with
 * other settings (a read-only reader beside a writer) while that instance is open. So a writer's
 * turn excludes everything else of this process on the file, and readers (dashboard requests,
 * the daemon's own reads) share the file between turns. Fair, so a waiting writer is not starved
 * by a stream of readers. Other processes are kept out by DuckDB's own file lock.
 */
final class DuckDbGate {

    /** How long a reader waits for a write turn of this process before the page says "busy". */
    static final long READER_WAIT_MILLIS = 3_000;

    private static final Map<Path, DuckDbGate> GATES = new ConcurrentHashMap<>();

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
    private volatile String writer;

    private DuckDbGate() {
    }

    static DuckDbGate of(Path file) {
        return GATES.computeIfAbsent(file, f -> new DuckDbGate());
    }

    /** Waits for a write turn until {@code deadline} ({@link System#nanoTime}); closing the handle ends it. */
    AutoCloseable enterWriter(WarehouseWait wait, long deadline) throws WarehouseBusyException {
        try {
            long notice = Math.min(WarehouseWait.NOTICE_AFTER.toNanos(), Math.max(0, deadline - System.nanoTime()));
            if (!lock.writeLock().tryLock(notice, TimeUnit.NANOSECONDS)) {
                wait.onWait().accept("waiting for the warehouse (held by " + holder() + ")");
                if (!lock.writeLock().tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    throw new WarehouseBusyException("the warehouse is held by " + holder()
                            + " for longer than warehouse_wait allows", null);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WarehouseBusyException("interrupted while waiting for the warehouse (held by " + holder() + ")", e);
        }
        writer = wait.who();
        return () -> {
            writer = null;
            lock.writeLock().unlock();
        };
    }

    /** Waits briefly for the current write turn to end; closing the handle lets writers in again. */
    AutoCloseable enterReader() throws WarehouseBusyException {
        try {
            if (!lock.readLock().tryLock(READER_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new WarehouseBusyException("the warehouse is being written by " + holder(), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WarehouseBusyException("interrupted while waiting for the warehouse", e);
        }
        return lock.readLock()::unlock;
    }

    private String holder() {
        String w = writer;
        return (w != null ? w : "a reader") + " in this process (PID " + ProcessHandle.current().pid() + ")";
    }
}
