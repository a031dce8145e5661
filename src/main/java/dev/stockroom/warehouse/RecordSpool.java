package dev.stockroom.warehouse;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Spools one chunk's records to a CSV file on disk while learning their columns and types.
 *
 * <p>Why a file and not memory: a chunk may hold millions of rows, and every database has a fast
 * path for a CSV file (DuckDB's {@code read_csv}, PostgreSQL's {@code COPY}, MariaDB's
 * {@code LOAD DATA}). The schema is only known once the chunk is complete, so the rows wait here
 * while the table is evolved.
 *
 * <p>Format: first field {@code _seq} (arrival order, so that the last duplicate wins), then one
 * field per column in discovery order. Strings are always quoted; an unquoted {@code \N} is NULL.
 * Timestamps are written in UTC with an explicit {@code +00} offset.
 */
public final class RecordSpool implements Closeable {

    public static final String NULL = "\\N";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS'+00'");
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final Path file;
    private final Writer out;
    private final List<String> key;
    private final Map<String, ColumnType> declared;
    private final List<Column> columns = new ArrayList<>();
    private final Map<String, Integer> indexByOriginal = new HashMap<>();
    private final Set<String> usedNames = new HashSet<>();
    /** Reused per record: the values by column index, the line's text and its characters. */
    private Object[] row = new Object[16];
    private final StringBuilder line = new StringBuilder(256);
    private char[] chars = new char[256];
    private int columnsAtFirstRow = -1;
    /** Fingerprints of the keys seen, to prove the chunk's keys unique; null once that cannot be proved. */
    private KeyFingerprints fingerprints = new KeyFingerprints();
    private boolean repeatedKey;
    private Class<?>[] keyClasses;
    private boolean ragged;
    private long rows;

    /**
     * @param key     original field names of the primary key: a record without them is rejected
     * @param known   the table's existing columns, so that their order and names are kept
     */
    public RecordSpool(Path folder, List<String> key, List<Column> known) {
        this(folder, key, known, Map.of());
    }

    /**
     * @param declared types the connector declared, by original field name: a column starts with
     *                 its declared type, so a chunk whose values are all null still types it
     */
    public RecordSpool(Path folder, List<String> key, List<Column> known, Map<String, ColumnType> declared) {
        this.declared = declared;
        try {
            this.file = Files.createTempFile(folder, "chunk-", ".csv");
            this.out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a spool file in " + folder + ": " + e.getMessage(), e);
        }
        this.key = key;
        for (Column c : known) {
            indexByOriginal.put(c.original(), columns.size());
            usedNames.add(c.name());
            columns.add(new Column(c.name(), declared.get(c.original()), c.original()));
        }
        usedNames.addAll(List.of("_loaded_at", "_run_id", "_seq"));
    }

    /** Appends one record. */
    public void add(Map<String, Object> record) throws IOException {
        for (String k : key) {
            if (record.get(k) == null) {
                throw new IllegalArgumentException("a record has no value for primary key field '" + k
                        + "' (record " + (rows + 1) + " of this chunk)");
            }
        }
        if (fingerprints != null && !key.isEmpty()) {
            fingerprint(record);
        }
        Object[] values = row;
        if (values.length < columns.size() + record.size()) {
            values = row = new Object[Math.max(values.length * 2, columns.size() + record.size())];
        }
        int width = columns.size();
        for (Map.Entry<String, Object> field : record.entrySet()) {
            Integer index = indexByOriginal.get(field.getKey());
            if (index == null) {
                index = addColumn(field.getKey());
                width = columns.size();
            }
            Object value = field.getValue();
            ColumnType type = ColumnType.of(value);
            if (type != null) {
                Column c = columns.get(index);
                if (c.type() != type) {
                    columns.set(index, c.withType(ColumnType.join(c.type(), type)));
                }
                values[index] = value;
            }
        }
        if (columnsAtFirstRow < 0) {
            columnsAtFirstRow = width;
        } else if (width != columnsAtFirstRow) {
            ragged = true;
        }
        StringBuilder text = line;
        text.setLength(0);
        try {
            text.append(rows + 1);
            for (int i = 0; i < width; i++) {
                text.append(',');
                if (values[i] == null) {
                    text.append(NULL);
                } else {
                    appendValue(text, values[i]);
                }
            }
        } finally {
            Arrays.fill(values, 0, width, null);
        }
        text.append('\n');
        rows++;
        int length = text.length();
        if (chars.length < length) {
            chars = new char[Math.max(length, chars.length * 2)];
        }
        text.getChars(0, length, chars, 0);
        out.write(chars, 0, length);
    }

    /**
     * True only when no two records of the chunk have equal keys, as far as any database can tell:
     * every key value was a String (compared byte for byte) or a whole number, each key field kept
     * one Java type, and no two fingerprints matched. False means "not proved", not "duplicates".
     */
    public boolean keysProvedUnique() {
        return fingerprints != null && !repeatedKey && !key.isEmpty();
    }

    private void fingerprint(Map<String, Object> record) {
        if (keyClasses == null) {
            keyClasses = new Class<?>[key.size()];
        }
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < key.size(); i++) {
            Object v = record.get(key.get(i));
            Class<?> type = v.getClass();
            if (keyClasses[i] == null) {
                keyClasses[i] = type;
            }
            if (type != keyClasses[i] || (type != String.class && type != Long.class && type != Integer.class)) {
                fingerprints = null;
                return;
            }
            if (v instanceof String s) {
                for (int c = 0; c < s.length(); c++) {
                    h = (h ^ s.charAt(c)) * 0x100000001B3L;
                }
                h = (h ^ s.length()) * 0x100000001B3L;
            } else {
                h = (h ^ ((Number) v).longValue()) * 0x100000001B3L;
            }
            h = Long.rotateLeft(h, 29) * 0xBF58476D1CE4E5B9L;
        }
        if (!fingerprints.add(h ^ (h >>> 31))) {
            repeatedKey = true;
            fingerprints = null;
        } else if (fingerprints.full()) {
            fingerprints = null;
        }
    }

    /** An open-addressing set of 64-bit fingerprints, growing up to a size bounded by the heap. */
    private static final class KeyFingerprints {
        private static final int MAX_SLOTS = (int) Math.min(1 << 23,
                Long.highestOneBit(Math.max(1 << 16, Runtime.getRuntime().maxMemory() / 16 / Long.BYTES)));
        private long[] slots = new long[1 << 12];
        private int size;
        private boolean full;

        /** False when the fingerprint was there already. */
        boolean add(long fingerprint) {
            long f = fingerprint == 0 ? 1 : fingerprint;
            if (size * 2 >= slots.length) {
                if (slots.length >= MAX_SLOTS) {
                    full = true;
                    return true;
                }
                grow();
            }
            if (!insert(slots, f)) {
                return false;
            }
            size++;
            return true;
        }

        boolean full() {
            return full;
        }

        private static boolean insert(long[] table, long f) {
            int mask = table.length - 1;
            for (int i = (int) (f ^ (f >>> 32)) & mask; ; i = (i + 1) & mask) {
                if (table[i] == 0) {
                    table[i] = f;
                    return true;
                }
                if (table[i] == f) {
                    return false;
                }
            }
        }

        private void grow() {
            long[] bigger = new long[slots.length * 2];
            for (long f : slots) {
                if (f != 0) {
                    insert(bigger, f);
                }
            }
            slots = bigger;
        }
    }

    private int addColumn(String original) {
        String base = Names.snakeCase(original);
        String name = base;
        for (int n = 2; !usedNames.add(name); n++) {
            name = base + "_" + n;
        }
        indexByOriginal.put(original, columns.size());
        columns.add(new Column(name, declared.get(original), original));
        return columns.size() - 1;
    }

    /**
     * Closes the file and makes every line as wide as the final column list (rows written before
     * a new field appeared are padded with NULLs; this happens only when the schema moved).
     */
    public void finish() throws IOException {
        out.close();
        if (ragged || columnsAtFirstRow != columns.size() && rows > 0) {
            pad();
        }
    }

    public Path file() {
        return file;
    }

    public long rows() {
        return rows;
    }

    /** The warehouse column name of a source field. */
    public String columnName(String original) {
        Integer index = indexByOriginal.get(original);
        return index == null ? Names.snakeCase(original) : columns.get(index).name();
    }

    /** The chunk's columns; a column whose values were all null has a null type. */
    public List<Column> columns() {
        return List.copyOf(columns);
    }

    @Override
    public void close() throws IOException {
        out.close();
        Files.deleteIfExists(file);
    }

    private void pad() throws IOException {
        Path padded = file.resolveSibling(file.getFileName() + ".padded");
        int width = columns.size() + 1;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             Writer w = new BufferedWriter(Files.newBufferedWriter(padded, StandardCharsets.UTF_8), 1 << 16)) {
            StringBuilder record = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) {
                record.append(line);
                if (!balancedQuotes(record)) {
                    record.append('\n');
                    continue;
                }
                int fields = countFields(record);
                w.append(record);
                for (int i = fields; i < width; i++) {
                    w.write(',');
                    w.write(NULL);
                }
                w.write('\n');
                record.setLength(0);
            }
        }
        Files.move(padded, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static boolean balancedQuotes(CharSequence s) {
        int quotes = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '"') {
                quotes++;
            }
        }
        return quotes % 2 == 0;
    }

    private static int countFields(CharSequence s) {
        int fields = 1;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                fields++;
            }
        }
        return fields;
    }

    /** The CSV text of a value. */
    static String format(Object value) {
        StringBuilder sb = new StringBuilder();
        appendValue(sb, value);
        return sb.toString();
    }

    /** Appends the CSV text of a non-null value. */
    private static void appendValue(StringBuilder sb, Object value) {
        if (value instanceof String s) {
            quote(sb, s);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            sb.append(((Number) value).longValue());
        } else if (value instanceof BigDecimal d) {
            sb.append(d.toPlainString());
        } else if (value instanceof Double d) {
            sb.append(d.isNaN() || d.isInfinite() ? NULL : d.toString());
        } else if (value instanceof Float f) {
            sb.append(f.isNaN() || f.isInfinite() ? NULL : f.toString());
        } else if (value instanceof Number || value instanceof Boolean || value instanceof LocalDate) {
            sb.append(value.toString());
        } else if (value instanceof Instant i) {
            timestamp(sb, LocalDateTime.ofEpochSecond(i.getEpochSecond(), i.getNano(), ZoneOffset.UTC));
        } else if (value instanceof OffsetDateTime o) {
            timestamp(sb, o.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
        } else if (value instanceof ZonedDateTime z) {
            timestamp(sb, z.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime());
        } else if (value instanceof LocalDateTime l) {
            timestamp(sb, l);
        } else if (value instanceof java.sql.Timestamp t) {
            timestamp(sb, t.toInstant().atOffset(ZoneOffset.UTC).toLocalDateTime());
        } else if (ColumnType.of(value) == ColumnType.JSON) {
            try {
                quote(sb, JSON.writeValueAsString(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            quote(sb, value.toString());
        }
    }

    /** {@code yyyy-MM-dd HH:mm:ss.SSSSSS+00}, by hand for years 1 to 9999 (the formatter is slow). */
    private static void timestamp(StringBuilder sb, LocalDateTime t) {
        int year = t.getYear();
        if (year < 1 || year > 9999) {
            sb.append(TIMESTAMP.format(t));
            return;
        }
        appendPadded(sb, year, 4);
        sb.append('-');
        appendPadded(sb, t.getMonthValue(), 2);
        sb.append('-');
        appendPadded(sb, t.getDayOfMonth(), 2);
        sb.append(' ');
        appendPadded(sb, t.getHour(), 2);
        sb.append(':');
        appendPadded(sb, t.getMinute(), 2);
        sb.append(':');
        appendPadded(sb, t.getSecond(), 2);
        sb.append('.');
        appendPadded(sb, t.getNano() / 1000, 6);
        sb.append("+00");
    }

    private static void appendPadded(StringBuilder sb, int value, int digits) {
        for (int limit = 10, i = 1; i < digits; i++, limit *= 10) {
            if (value < limit) {
                sb.append('0');
            }
        }
        sb.append(value);
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        if (s.indexOf('"') < 0) {
            sb.append(s);
        } else {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    sb.append('"');
                }
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
