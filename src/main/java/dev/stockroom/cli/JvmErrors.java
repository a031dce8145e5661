package dev.stockroom.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** One line for an {@link Error} that ends the program, saying what to do about it. */
final class JvmErrors {

    private JvmErrors() {
    }

    static String explain(Error e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        if (e instanceof OutOfMemoryError) {
            return "out of memory (" + text + "); give Java more with -Xmx (STOCKROOM_JAVA_OPTS=-Xmx2g for ./stockroom)";
        }
        String trace = String.valueOf(e) + " " + text;
        if (trace.contains("duckdb") || trace.contains("DuckDB") || text.toLowerCase().contains("no space left")) {
            Path temp = Path.of(System.getProperty("java.io.tmpdir"));
            return "cannot unpack DuckDB's native library into the temp folder " + temp + " (" + free(temp)
                    + " free): " + text + "; free space there, or start Java with -Djava.io.tmpdir=DIR "
                    + "(STOCKROOM_JAVA_OPTS for ./stockroom)";
        }
        return e.getClass().getSimpleName() + ": " + text + " (run with --verbose for the stack trace)";
    }

    private static String free(Path folder) {
        try {
            return String.format("%,d MB", Files.getFileStore(folder).getUsableSpace() >> 20);
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
