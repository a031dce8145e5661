package dev.stockroom.source.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockroom.config.ConfigLoader;
import dev.stockroom.config.EnvSubstitution;
import dev.stockroom.config.StockroomConfig;
import dev.stockroom.source.ReadRequest;
import dev.stockroom.source.RecordSink;
import dev.stockroom.source.Source;
import dev.stockroom.source.SourceException;
import dev.stockroom.source.SourceTypes;
import dev.stockroom.source.StreamSpec;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files connector on each format it reads, and its file-by-file incremental cursor. */
class FilesSourceTest {

    @TempDir
    Path dir;

    final List<Map<String, Object>> records = new ArrayList<>();
    final List<String> checkpoints = new ArrayList<>();

    RecordSink sink() {
        return new RecordSink() {
            @Override
            public void accept(Map<String, Object> record) {
                records.add(record);
            }

            @Override
            public void checkpoint(String cursor) {
                checkpoints.add(cursor);
            }
        };
    }

    Source source(String streams) throws Exception {
        String yaml = "sources:\n  - name: exports\n    type: files\n    streams:\n" + streams;
        StockroomConfig config = ConfigLoader.parse(yaml, dir.resolve("stockroom.yml"),
                new EnvSubstitution(n -> null, Map.of()));
        return SourceTypes.create(config.sources().get(0));
    }

    void read(Source source, String cursor) throws Exception {
        StreamSpec spec = source.streams().get(0);
        source.read(spec, new ReadRequest(null, cursor, ZoneId.of("UTC")), sink());
    }

    @Test
    void a_semicolon_csv_with_a_header_gives_typed_records() throws Exception {
        Files.writeString(dir.resolve("a.csv"), "id;name;joined;paid\n1;Ann;2024-01-02;true\n2;\"Ben; Jr\";;false\n");
        read(source("      - {name: people, path: a.csv, primary_key: id, delimiter: \";\"}\n"), null);
        assertThat(records).hasSize(2);
        assertThat(records.get(0)).containsEntry("id", 1L).containsEntry("joined", LocalDate.of(2024, 1, 2))
                .containsEntry("paid", true);
        assertThat(records.get(1)).containsEntry("name", "Ben; Jr").containsEntry("joined", null);
    }

    @Test
    void a_json_array_and_gzipped_ndjson_are_read_record_by_record() throws Exception {
        Files.writeString(dir.resolve("a.json"), "[{\"id\":1,\"tags\":[\"x\"]},{\"id\":2,\"meta\":{\"k\":true}}]");
        read(source("      - {name: items, path: a.json, primary_key: id}\n"), null);
        assertThat(records).extracting(r -> r.get("id")).containsExactly(1L, 2L);
        assertThat(records.get(0).get("tags")).isEqualTo(List.of("x"));

        records.clear();
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("e.ndjson.gz")))) {
            out.write("{\"id\":\"e1\"}\n{\"id\":\"e2\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        read(source("      - {name: events, path: e.ndjson.gz, primary_key: id}\n"), null);
        assertThat(records).extracting(r -> r.get("id")).containsExactly("e1", "e2");
    }

    @Test
    void a_glob_reads_new_and_changed_files_and_skips_unchanged_ones() throws Exception {
        Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("in/a.csv"), "id\n1\n");
        Files.writeString(dir.resolve("in/b.csv"), "id\n2\n");
        Source source = source("      - {name: ids, path: \"in/*.csv\", primary_key: id}\n");
        read(source, null);
        assertThat(records).hasSize(2);
        assertThat(checkpoints).hasSize(2);

        records.clear();
        Files.writeString(dir.resolve("in/b.csv"), "id\n2\n3\n");
        Files.writeString(dir.resolve("in/c.csv"), "id\n4\n");
        read(source, checkpoints.get(checkpoints.size() - 1));
        assertThat(records).extracting(r -> r.get("id")).containsExactly(2L, 3L, 4L);
    }

    @Test
    void a_broken_file_is_a_permanent_error_naming_the_file() throws Exception {
        Files.writeString(dir.resolve("bad.ndjson"), "{\"id\":1}\n{oops\n");
        Source source = source("      - {name: bad, path: bad.ndjson, primary_key: id}\n");
        assertThatThrownBy(() -> read(source, null)).isInstanceOf(SourceException.class)
                .hasMessageContaining("bad.ndjson").hasMessageContaining("fix or remove the file");
    }
}
