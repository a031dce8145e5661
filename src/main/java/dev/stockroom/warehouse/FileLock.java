package dev.stockroom.warehouse;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An OS file lock: released by the kernel when the process dies, even by {@code kill -9}, so a
 * crashed run never leaves a stale lock behind. The holder writes its PID into the file, so a
 * process waiting for something the holder has (the DuckDB file) can say who it waits for.
 */
public final class FileLock {

    /**
     * The lock files this process holds. POSIX drops a process's lock on a file when the process
     * closes any descriptor of it, so nothing here may open one of these just to read it.
     */
    private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private FileLock() {
    }

    /** Whether this process holds the lock file (then reading it would release the lock). */
    public static boolean heldHere(Path path) {
        return HELD.contains(path.toAbsolutePath().normalize());
    }

    public static synchronized Optional<AutoCloseable> tryLock(Path path) throws IOException {
        if (heldHere(path)) {
            return Optional.empty(); // opening (and closing) it again would drop the lock we hold
        }
        Files.createDirectories(path.toAbsolutePath().getParent());
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        java.nio.channels.FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        java.nio.channels.FileLock held = lock;
        Path key = path.toAbsolutePath().normalize();
        HELD.add(key);
        channel.truncate(0);
        channel.write(java.nio.ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid())
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII)), 0);
        return Optional.of(() -> {
            HELD.remove(key);
            held.release();
            channel.close();
        });
    }
}
