package dev.stockroom.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool writes every value exactly as the formatter-based code did. */
class RecordSpoolFormatTest {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS'+00'");

    /** The formatting before the hand-written timestamp path. */
    private static String before(Object value) {
        if (value instanceof String s) {
            return s.indexOf('"') < 0 ? '"' + s + '"' : '"' + s.replace("\"", "\"\"") + '"';
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? RecordSpool.NULL : d.toString();
        }
        if (value instanceof Float f) {
            return f.isNaN() || f.isInfinite() ? RecordSpool.NULL : f.toString();
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof LocalDate) {
            return value.toString();
        }
        if (value instanceof Instant i) {
            return TIMESTAMP.format(i.atOffset(ZoneOffset.UTC));
        }
        if (value instanceof OffsetDateTime o) {
            return TIMESTAMP.format(o.withOffsetSameInstant(ZoneOffset.UTC));
        }
        if (value instanceof ZonedDateTime z) {
            return TIMESTAMP.format(z.withZoneSameInstant(ZoneOffset.UTC));
        }
        if (value instanceof LocalDateTime l) {
            return TIMESTAMP.format(l);
        }
        if (value instanceof java.sql.Timestamp t) {
            return TIMESTAMP.format(t.toInstant().atOffset(ZoneOffset.UTC));
        }
        throw new IllegalArgumentException(value.getClass().toString());
    }

    @Test
    void valuesAreWrittenAsBefore() {
        SplittableRandom r = new SplittableRandom(3);
        List<Object> values = new ArrayList<>(List.of("", "plain", "with \"quotes\"", "\"", "a,b", "line\nbreak", "ü€😀",
                0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 7, (short) 3, (byte) -2, BigInteger.TEN.pow(30),
                new BigDecimal("1.500"), new BigDecimal("-0.000000001"), new BigDecimal("1E+5"), 1.5d, Double.NaN,
                Double.POSITIVE_INFINITY, 1e300, 2.5f, Float.NaN, true, false, LocalDate.of(2024, 2, 29),
                Instant.EPOCH, Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("-0001-06-01T00:00:00Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                java.sql.Timestamp.from(Instant.parse("2024-03-01T10:11:12.345678Z"))));
        for (int i = 0; i < 100_000; i++) {
            long second = r.nextLong(-70_000_000_000L, 260_000_000_000L);
            Instant at = Instant.ofEpochSecond(second, r.nextInt(1_000_000_000));
            values.add(at);
            values.add(at.atOffset(ZoneOffset.ofHoursMinutes(r.nextInt(-12, 13), 0)));
            values.add(at.atZone(ZoneId.of("Europe/Berlin")));
            values.add(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
        }
        for (Object v : values) {
            assertThat(RecordSpool.format(v)).as("%s (%s)", v, v.getClass().getSimpleName()).isEqualTo(before(v));
        }
    }

    @Test
    void linesAndColumnsAsBefore(@TempDir Path dir) throws Exception {
        try (RecordSpool spool = new RecordSpool(dir, List.of("id"), List.of())) {
            spool.add(record("id", 1L, "name", "a \"b\"", "at", Instant.parse("2024-01-02T03:04:05.678901234Z")));
            spool.add(record("id", 2L, "extra", List.of(1, 2), "name", null));
            spool.add(record("id", 3L));
            spool.finish();
            assertThat(Files.readAllLines(spool.file())).containsExactly(
                    "1,1,\"a \"\"b\"\"\",2024-01-02 03:04:05.678901+00,\\N",
                    "2,2,\\N,\\N,\"[1,2]\"",
                    "3,1 ,\\N,\\N,\\N".replace("1 ", "3"));
            assertThat(spool.columns()).extracting(Column::type).containsExactly(ColumnType.INTEGER,
                    ColumnType.STRING, ColumnType.TIMESTAMP, ColumnType.JSON);
        }
    }

    private static Map<String, Object> record(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
