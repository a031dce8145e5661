package dev.stockroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sync meets a DuckDB file another process holds: it waits its turn, up to warehouse_wait, then exits 3. */
class BusyWarehouseTest {

    @TempDir
    Path dir;

    private Process hold(long millis) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldDuckDbFile.class.getName(),
                dir.resolve("w.duckdb").toString(), Long.toString(millis)).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
        assertThat(out.readLine()).isEqualTo("held");
        return child;
    }

    private String config() throws Exception {
        Files.writeString(dir.resolve("a.csv"), "id\n1\n");
        Files.writeString(dir.resolve("stockroom.yml"), "warehouse: duckdb:w.duckdb\nwarehouse_wait: 4s\nsources:\n"
                + "  - {name: exports, type: files, streams: [{name: ids, path: a.csv, primary_key: id}]}\n");
        return dir.resolve("stockroom.yml").toString();
    }

    @Test
    void a_file_held_for_a_moment_is_waited_for() throws Exception {
        String config = config();
        Process child = hold(2_000);
        assertThat(Main.run("sync", "--config", config, "--quiet")).isZero();
        child.waitFor();
    }

    @Test
    void a_file_held_longer_than_the_wait_exits_3_naming_the_holder() throws Exception {
        String config = config();
        Process child = hold(60_000);
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true));
        try {
            assertThat(Main.run("sync", "--config", config, "--quiet")).isEqualTo(3);
        } finally {
            System.setErr(err);
            child.destroyForcibly();
        }
        assertThat(captured.toString())
                .contains("waiting for the warehouse (held by another process (PID " + child.pid() + "))")
                .contains("for longer than warehouse_wait (4 s)");
    }
}
