package dev.stockroom.source.http;

import dev.stockroom.source.RecordSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Keeps what a source pushed, for assertions. */
public final class CollectingSink implements RecordSink {

    public final List<Map<String, Object>> records = new ArrayList<>();
    public final List<String> checkpoints = new ArrayList<>();
    public final List<String> pages = new ArrayList<>();
    public final List<Map<String, Object>> deletes = new ArrayList<>();
    public final List<String> warnings = new ArrayList<>();

    @Override
    public void accept(Map<String, Object> record) {
        records.add(record);
    }

    @Override
    public void checkpoint(String cursor) {
        checkpoints.add(cursor);
    }

    @Override
    public void delete(Map<String, Object> key) {
        deletes.add(key);
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    @Override
    public void pageFetched(String description) {
        pages.add(description);
    }

    public List<Object> field(String name) {
        return records.stream().map(r -> r.get(name)).toList();
    }
}
