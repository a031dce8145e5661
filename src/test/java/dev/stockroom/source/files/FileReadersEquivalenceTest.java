package dev.stockroom.source.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.source.RecordSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token-level CSV reading gives the same records and the same errors as binding rows to maps did. */
class FileReadersEquivalenceTest {

    private static final List<String> FILES = List.of(
            "a,b,c\n1,x,2024-01-01\n2,y,2024-01-02T10:00:00Z\n",
            "a,b\n1,2\n\n3,4\n",
            "a, b ,c\n 1 , two ,\" three \"\n",
            "a,b\n1,2,3\n",
            "a,b,c\n1,2\n4\n",
            "a,a,b\n1,2,3\n",
            "a,b\n\"multi\nline\",\"with \"\"quotes\"\"\"\n",
            "a,b\n",
            "",
            "a,b\n1,\"unterminated\n",
            "x;y\n1;2\n",
            "id,v\n01234,-0\n1e5,0.5\ntrue,FALSE\n,\n",
            "\uFEFFa,b\n1,2\n",
            "a,,c\n1,2,3\n");

    @Test
    void sameRecordsAndErrors(@TempDir Path dir) throws Exception {
        int n = 0;
        for (String content : FILES) {
            Path file = dir.resolve("f" + (n++) + ".csv");
            Files.writeString(file, content, StandardCharsets.UTF_8);
            for (char delimiter : new char[] {',', ';'}) {
                assertThat(read(file, delimiter, false)).as("%s", content).isEqualTo(read(file, delimiter, true));
            }
        }
    }

    private static List<Object> read(Path file, char delimiter, boolean original) {
        List<Object> out = new ArrayList<>();
        RecordSink sink = record -> out.add(Map.copyOf(withoutNulls(record)) + " order " + record.keySet()
                + " nulls " + record.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey).toList());
        try {
            if (original) {
                new OriginalFileReaders(ZoneId.of("UTC")).read(file, FileFormat.CSV, delimiter, sink);
            } else {
                new FileReaders(ZoneId.of("UTC")).read(file, FileFormat.CSV, delimiter, sink);
            }
        } catch (Exception e) {
            out.add("error " + e.getClass().getName() + ": " + e.getMessage());
        }
        return out;
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> record) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        record.forEach((k, v) -> {
            if (v != null) {
                m.put(k, v);
            }
        });
        return m;
    }
}
