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
    private final List<Column> columns = new ArrayList<>();
    private final Map<String, Integer> indexByOriginal = new HashMap<>();
    private final Set<String> usedNames = new HashSet<>();
    private int columnsAtFirstRow = -1;
    private boolean ragged;
    private long rows;

    /**
     * @param key     original field names of the primary key: a record without them is rejected
     * @param known   the table's existing columns, so that their order and names are kept
     */
    public RecordSpool(Path folder, List<String> key, List<Column> known) {
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
            columns.add(new Column(c.name(), null, c.original()));
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
        String[] values = new String[columns.size() + record.size()];
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
                values[index] = format(value);
            }
        }
        if (columnsAtFirstRow < 0) {
            columnsAtFirstRow = width;
        } else if (width != columnsAtFirstRow) {
            ragged = true;
        }
        rows++;
        out.write(Long.toString(rows));
        for (int i = 0; i < width; i++) {
            out.write(',');
            out.write(values[i] == null ? NULL : values[i]);
        }
        out.write('\n');
    }

    private int addColumn(String original) {
        String base = Names.snakeCase(original);
        String name = base;
        for (int n = 2; !usedNames.add(name); n++) {
            name = base + "_" + n;
        }
        indexByOriginal.put(original, columns.size());
        columns.add(new Column(name, null, original));
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
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? NULL : d.toString();
        }
        if (value instanceof Float f) {
            return f.isNaN() || f.isInfinite() ? NULL : f.toString();
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
        if (ColumnType.of(value) == ColumnType.JSON) {
            try {
                return quote(JSON.writeValueAsString(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return quote(value.toString());
    }

    private static String quote(String s) {
        if (s.indexOf('"') < 0) {
            return '"' + s + '"';
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
