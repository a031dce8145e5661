package dev.stockroom.source.files;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.stockroom.source.RecordSink;
import dev.stockroom.source.TextValues;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Streams the records of one file into a sink, one at a time: memory does not grow with the file. */
final class FileReaders {

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ZoneId zone;

    FileReaders(ZoneId zone) {
        this.zone = zone;
    }

    /** Reads the file into the sink; returns how many CSV rows were short of the header (padded with nulls). */
    long read(Path file, FileFormat format, char delimiter, RecordSink sink) throws Exception {
        try (InputStream in = open(file)) {
            switch (format) {
                case CSV -> {
                    return csv(in, delimiter, sink);
                }
                case NDJSON -> ndjson(in, sink);
                case JSON -> jsonArray(in, sink);
            }
        }
        return 0;
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return file.toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }

    /**
     * Reads the parser's tokens directly instead of binding each row to a {@code Map<String, String>}
     * first: the same parser and schema (so the same header handling and errors), one map less per row.
     */
    private long csv(InputStream in, char delimiter, RecordSink sink) throws Exception {
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnSeparator(delimiter);
        long padded = 0;
        int columns = -1;
        try (JsonParser rows = CSV.readerForMapOf(String.class).with(schema).createParser(in)) {
            for (JsonToken row = rows.nextToken(); row != null; row = rows.nextToken()) {
                if (columns < 0) {
                    columns = header((CsvSchema) rows.getSchema());
                }
                Map<String, Object> record = new LinkedHashMap<>(32);
                for (JsonToken t = rows.nextToken(); t == JsonToken.FIELD_NAME; t = rows.nextToken()) {
                    String name = rows.currentName();
                    JsonToken value = rows.nextToken();
                    record.put(name, value == JsonToken.VALUE_NULL ? null : TextValues.infer(rows.getText(), zone));
                }
                if (record.size() < columns) {
                    padded++;
                }
                sink.accept(record);
            }
        }
        return padded;
    }

    /** The header's width; a name given twice would silently keep only its last column, so it fails. */
    private static int header(CsvSchema header) throws IOException {
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.Set<String> twice = new java.util.TreeSet<>();
        for (CsvSchema.Column column : header) {
            if (!seen.add(column.getName())) {
                twice.add(column.getName());
            }
        }
        if (!twice.isEmpty()) {
            throw new IOException("the header names " + String.join(", ", twice) + " more than once; give every "
                    + "column its own name");
        }
        return header.size();
    }

    private void ndjson(InputStream in, RecordSink sink) throws Exception {
        try (MappingIterator<Map<String, Object>> rows = JSON.readerForMapOf(Object.class).readValues(in)) {
            while (rows.hasNextValue()) {
                sink.accept(typed(rows.nextValue()));
            }
        }
    }

    private void jsonArray(InputStream in, RecordSink sink) throws Exception {
        try (JsonParser parser = JSON.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("expected a JSON array of objects at the top level");
            }
            long element = 0;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
                sink.accept(typed(JSON.readValue(parser, JSON.getTypeFactory()
                        .constructMapType(LinkedHashMap.class, String.class, Object.class))));
                element++;
            }
            if (token != JsonToken.END_ARRAY) {
                throw new IOException("expected a JSON array of objects, but element " + (element + 1) + " (line "
                        + parser.currentLocation().getLineNr() + ") is " + describe(token)
                        + "; records must be objects like {\"id\": 1}");
            }
        }
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "missing (the file ends early)";
        }
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
        };
    }

    /** JSON numbers become Long or Double; ISO date strings become dates and timestamps. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> typed(Map<String, Object> record) {
        for (Map.Entry<String, Object> field : record.entrySet()) {
            Object v = field.getValue();
            if (v instanceof Integer i) {
                field.setValue(i.longValue());
            } else if (v instanceof String s) {
                field.setValue(TextValues.jsonString(s, zone));
            }
        }
        return (Map<String, Object>) record;
    }
}
