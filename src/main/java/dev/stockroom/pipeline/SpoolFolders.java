package dev.stockroom.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The temp folders runs spool records into, named {@code stockroom-spool-<pid>-...} so that a
 * later run can tell a dead run's folder (killed, {@code kill -9}) from a live one and remove it:
 * killed runs leave nothing that grows.
 */
final class SpoolFolders {

    private static final String PREFIX = "stockroom-spool-";
    private static final Pattern OWNER = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-.*");

    private SpoolFolders() {
    }

    /** Where spool folders go: the temp folder. */
    static Path parent() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** A fresh folder for this run, in the temp folder. */
    static Path create() throws IOException {
        return Files.createTempDirectory(PREFIX + ProcessHandle.current().pid() + "-");
    }

    /** Removes the spool folders of processes that are gone; returns how many. */
    static int removeDead() {
        Path temp = parent();
        int removed = 0;
        try (var entries = Files.list(temp)) {
            for (Path folder : (Iterable<Path>) entries::iterator) {
                Matcher owner = OWNER.matcher(folder.getFileName().toString());
                if (owner.matches() && Files.isDirectory(folder) && !alive(Long.parseLong(owner.group(1)))) {
                    delete(folder);
                    removed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Cleaning up is a courtesy; a run never fails for it.
        }
        return removed;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static void delete(Path folder) {
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // Same: what cannot be removed now is tried again by the next run.
        }
    }
}
