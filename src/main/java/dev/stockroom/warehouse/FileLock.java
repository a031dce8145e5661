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

    private FileLock() {
    }

    public static Optional<AutoCloseable> tryLock(Path path) throws IOException {
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
        channel.truncate(0);
        channel.write(java.nio.ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid())
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII)), 0);
        return Optional.of(() -> {
            held.release();
            channel.close();
        });
    }
}
