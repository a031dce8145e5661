package dev.stockroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A temp folder that cannot be written: one line of advice, no stack trace, and the streams fail on the record. */
class TempFolderFailureTest {

    @TempDir
    Path dir;

    private String run(String config, String... args) throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("tmp-is-a-file"), "x");
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.io.tmpdir=" + notAFolder,
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--config", config));
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(1);
        return out;
    }

    private String files(String warehouse) throws Exception {
        Files.writeString(dir.resolve("a.csv"), "id\n1\n");
        Path config = dir.resolve("stockroom.yml");
        Files.writeString(config, "warehouse: \"" + warehouse + "\"\nsources:\n"
                + "  - {name: exports, type: files, streams: [{name: ids, path: a.csv, primary_key: id}]}\n");
        return config.toString();
    }

    @Test
    void duckdb_that_cannot_unpack_its_library_says_where_in_one_line() throws Exception {
        String out = run(files("duckdb:w.duckdb"), "sync");
        assertThat(out).contains("cannot unpack DuckDB's native library into the temp folder")
                .contains("-Djava.io.tmpdir=DIR").doesNotContain("\tat ");
    }

    @Test
    void a_spool_folder_that_cannot_be_made_fails_every_stream_on_the_record() throws Exception {
        String config = files(TestDatabases.postgresUrl());
        String out = run(config, "sync");
        assertThat(out).contains("exports.ids").contains("FAILED").doesNotContain("\tat ");

        PrintStream original = System.out;
        ByteArrayOutputStream status = new ByteArrayOutputStream();
        System.setOut(new PrintStream(status, true));
        try {
            assertThat(Main.run("status", "--config", config)).isZero();
        } finally {
            System.setOut(original);
        }
        assertThat(status.toString()).containsPattern("exports\\.ids +failing");
    }
}
