package dev.stockroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sync meets a DuckDB file another process holds: it waits a little, then exits 3. */
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
        Files.writeString(dir.resolve("stockroom.yml"), "warehouse: duckdb:w.duckdb\nsources:\n"
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
    void a_file_held_longer_than_the_wait_exits_3() throws Exception {
        String config = config();
        Process child = hold(Project.BUSY_WAIT.toMillis() + 8_000);
        try {
            assertThat(Main.run("sync", "--config", config, "--quiet")).isEqualTo(3);
        } finally {
            child.destroyForcibly();
        }
    }
}
