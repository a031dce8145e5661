package dev.stockroom.warehouse.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SpoolLinesTest {

    private static final String SPOOL = "1,\"a\",2\n2,\"multi\nline, \"\"quoted\"\"\",\\N\n10,\"\",\"x\n\"\n";
    private static final String COPY = "\"a\",2,S,\"r\"\n\"multi\nline, \"\"quoted\"\"\",\\N,S,\"r\"\n\"\",\"x\n\",S,\"r\"\n";

    @Test
    void dropsTheSequenceAndAddsTheStampsAtEachRecordsEnd() throws IOException {
        assertThat(read(new ByteArrayInputStream(bytes(SPOOL)), 8192)).isEqualTo(COPY);
    }

    @Test
    void theSameWhateverTheReadSizes() throws IOException {
        for (int size = 1; size < 12; size++) {
            InputStream trickle = new FilterInputStream(new ByteArrayInputStream(bytes(SPOOL))) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return super.read(b, off, Math.min(len, 3));
                }
            };
            assertThat(read(trickle, size)).isEqualTo(COPY);
        }
    }

    private static String read(InputStream source, int chunk) throws IOException {
        try (SpoolLines lines = new SpoolLines(source, bytes(",S,\"r\"\n"))) {
            StringBuilder sb = new StringBuilder();
            byte[] b = new byte[chunk];
            for (int n; (n = lines.read(b, 0, chunk)) >= 0; ) {
                sb.append(new String(b, 0, n, StandardCharsets.UTF_8));
            }
            return sb.toString();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
