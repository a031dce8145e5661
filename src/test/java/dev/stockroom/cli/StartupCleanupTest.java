package dev.stockroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.source.http.ScriptedServer;
import dev.stockroom.source.http.ScriptedServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run killed with kill -9 leaves its spool folder and DuckDB's library copy; the next run removes them. */
class StartupCleanupTest {

    @TempDir
    Path dir;

    @TempDir
    Path temp;

    private Process sync(String config) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + temp, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "sync", "--config", config, "--quiet")
                .redirectErrorStream(true).redirectOutput(dir.resolve("out-" + System.nanoTime() + ".txt").toFile())
                .start();
    }

    private List<String> leftovers() throws Exception {
        try (Stream<Path> entries = Files.list(temp)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("stockroom-spool-") || n.startsWith("libduckdb_java")).sorted().toList();
        }
    }

    @Test
    void the_next_run_removes_what_a_killed_run_left_in_the_temp_folder() throws Exception {
        try (ScriptedServer api = ScriptedServer.sequence(Reply.json("[{\"id\": 1}]").delayed(120_000))) {
            Files.writeString(dir.resolve("slow.yml"), "sources:\n  - name: shop\n    type: rest\n    base_url: \""
                    + api.url("") + "\"\n    streams:\n      - {name: items, path: /items, primary_key: id}\n");
            Files.writeString(dir.resolve("a.csv"), "id\n1\n");
            Files.writeString(dir.resolve("fast.yml"), "warehouse: duckdb:other.duckdb\nsources:\n"
                    + "  - {name: exports, type: files, streams: [{name: ids, path: a.csv, primary_key: id}]}\n");

            Process killed = sync(dir.resolve("slow.yml").toString());
            while (api.requests().isEmpty()) { // it has its spool folder and has loaded DuckDB, and now waits
                assertThat(killed.isAlive()).isTrue();
                Thread.sleep(50);
            }
            killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            List<String> left = leftovers();
            assertThat(left).anyMatch(n -> n.startsWith("stockroom-spool-" + killed.pid() + "-"))
                    .anyMatch(n -> n.startsWith("libduckdb_java"));
            for (String name : left) {
                Files.setLastModifiedTime(temp.resolve(name), FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));
            }

            Process next = sync(dir.resolve("fast.yml").toString());
            assertThat(next.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(next.exitValue()).isZero();
            assertThat(leftovers()).as("the dead run's folder and library copy, and the next run's own").isEmpty();
        }
    }
}
