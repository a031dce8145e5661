package dev.stockroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A files stream that would load nothing, or lose columns, fails the sync and shows as failing in status. */
class SilentZeroTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(out, true));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private String config(String stream) throws Exception {
        Files.writeString(dir.resolve("stockroom.yml"), "sources:\n  - name: exports\n    type: files\n"
                + "    streams:\n      - " + stream + "\n");
        return dir.resolve("stockroom.yml").toString();
    }

    /** Syncs, expecting exit 1 with the reason, then status shows the stream failing with it. */
    private void failsWith(String stream, String reason) throws Exception {
        String config = config(stream);
        assertThat(Main.run("sync", "--config", config)).as(out.toString()).isEqualTo(1);
        assertThat(out.toString()).contains(reason);
        out.reset();
        assertThat(Main.run("--config", config, "status")).isZero();
        assertThat(out.toString()).containsPattern("exports\\.refunds +failing").contains(reason);
    }

    @Test
    void a_path_that_does_not_exist_fails_with_the_message_check_gives() throws Exception {
        failsWith("{name: refunds, path: exports/refunds.csv, primary_key: id}",
                "no file matches 'exports/refunds.csv'");
        out.reset();
        assertThat(Main.run("check", "--config", dir.resolve("stockroom.yml").toString())).isEqualTo(1);
        assertThat(out.toString()).contains("no file matches 'exports/refunds.csv'");
    }

    @Test
    void a_glob_that_matches_nothing_fails() throws Exception {
        Files.createDirectories(dir.resolve("exports"));
        Files.writeString(dir.resolve("exports/refund-1.csv"), "id\n1\n");
        failsWith("{name: refunds, path: \"exports/refunds-*.csv\", primary_key: id}",
                "no file matches 'exports/refunds-*.csv'");
    }

    @Test
    void allow_empty_makes_no_file_a_success() throws Exception {
        String config = config("{name: refunds, path: \"exports/refunds-*.csv\", primary_key: id, allow_empty: true}");
        assertThat(Main.run("sync", "--config", config)).as(out.toString()).isZero();
    }

    @Test
    void a_glob_through_a_symlinked_folder_finds_its_files() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real"));
        Files.writeString(real.resolve("refunds-1.csv"), "id,amount\n1,5\n2,7\n");
        Files.createSymbolicLink(dir.resolve("exports"), real);
        String config = config("{name: refunds, path: \"exports/refunds-*.csv\", primary_key: id}");
        assertThat(Main.run("sync", "--config", config)).as(out.toString()).isZero();
        assertThat(out.toString()).contains("2 written");
    }

    @Test
    void json_that_is_an_array_of_scalars_fails_saying_what_it_found() throws Exception {
        Files.writeString(dir.resolve("refunds.json"), "[1, 2, 3]");
        failsWith("{name: refunds, path: refunds.json, primary_key: id}",
                "element 1 (line 1) is a number; records must be objects");
    }

    @Test
    void a_csv_header_with_a_repeated_name_fails_with_the_names() throws Exception {
        Files.writeString(dir.resolve("refunds.csv"), "id,name,name\n1,a,b\n");
        failsWith("{name: refunds, path: refunds.csv, primary_key: id}",
                "the header names name more than once");
    }

    @Test
    void short_csv_rows_are_reported() throws Exception {
        Files.writeString(dir.resolve("refunds.csv"), "id,name,amount\n1,a,5\n2,b\n3\n");
        String config = config("{name: refunds, path: refunds.csv, primary_key: id}");
        assertThat(Main.run("sync", "--config", config)).as(out.toString()).isZero();
        assertThat(out.toString()).contains("refunds.csv: 2 rows had fewer cells than the header");
    }
}
