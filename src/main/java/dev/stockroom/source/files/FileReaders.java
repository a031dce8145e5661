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

    void read(Path file, FileFormat format, char delimiter, RecordSink sink) throws Exception {
        try (InputStream in = open(file)) {
            switch (format) {
                case CSV -> csv(in, delimiter, sink);
                case NDJSON -> ndjson(in, sink);
                case JSON -> jsonArray(in, sink);
            }
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return file.toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }

    /**
     * Reads the parser's tokens directly instead of binding each row to a {@code Map<String, String>}
     * first: the same parser and schema (so the same header handling and errors), one map less per row.
     */
    private void csv(InputStream in, char delimiter, RecordSink sink) throws Exception {
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnSeparator(delimiter);
        try (JsonParser rows = CSV.readerForMapOf(String.class).with(schema).createParser(in)) {
            for (JsonToken row = rows.nextToken(); row != null; row = rows.nextToken()) {
                Map<String, Object> record = new LinkedHashMap<>(32);
                for (JsonToken t = rows.nextToken(); t == JsonToken.FIELD_NAME; t = rows.nextToken()) {
                    String name = rows.currentName();
                    JsonToken value = rows.nextToken();
                    record.put(name, value == JsonToken.VALUE_NULL ? null : TextValues.infer(rows.getText(), zone));
                }
                sink.accept(record);
            }
        }
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
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                sink.accept(typed(JSON.readValue(parser, JSON.getTypeFactory()
                        .constructMapType(LinkedHashMap.class, String.class, Object.class))));
            }
        }
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
