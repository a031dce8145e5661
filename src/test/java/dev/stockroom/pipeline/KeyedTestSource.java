package dev.stockroom.pipeline;

import dev.stockroom.source.ReadRequest;
import dev.stockroom.source.RecordSink;
import dev.stockroom.source.Source;
import dev.stockroom.source.SourceException;
import dev.stockroom.source.StreamSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A vendor of keyed records in miniature: {@code people} is read whole on every run,
 * {@code members} after an {@code updated_at} cursor, in cursor order with a checkpoint after each
 * record. Tests edit the records (with or without moving {@code updated_at}), remove them, send
 * delete signals, or make a read fail part-way.
 */
final class KeyedTestSource implements Source {

    /** Records by id; each has {@code id}, {@code name}, {@code updated_at} (an Instant). */
    final Map<String, Map<String, Object>> people = new TreeMap<>();
    final Map<String, Map<String, Object>> members = new TreeMap<>();
    /** Ids the next read of members reports as deleted through {@link RecordSink#delete}. */
    final List<String> deleteSignals = new ArrayList<>();
    /** Fail the read after this many records (negative: never). */
    volatile int failAfter = -1;
    final List<ReadRequest> requests = new CopyOnWriteArrayList<>();
    StreamSpec membersSpec = StreamSpec.cursor("members", List.of("id"));
    StreamSpec peopleSpec = StreamSpec.full("people", List.of("id"));

    static Map<String, Object> record(String id, String name, String updatedAt) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("name", name);
        r.put("updated_at", Instant.parse(updatedAt));
        return r;
    }

    @Override
    public List<StreamSpec> streams() {
        return List.of(peopleSpec, membersSpec);
    }

    @Override
    public void read(StreamSpec stream, ReadRequest request, RecordSink sink) throws Exception {
        requests.add(request);
        int sent = 0;
        if (stream.name().equals("people")) {
            for (Map<String, Object> r : people.values()) {
                failIfDue(sent++);
                sink.accept(new LinkedHashMap<>(r));
            }
            return;
        }
        Instant from = request.cursor() == null ? Instant.EPOCH : Instant.parse(request.cursor());
        List<Map<String, Object>> ordered = new ArrayList<>(members.values());
        ordered.sort((a, b) -> ((Instant) a.get("updated_at")).compareTo((Instant) b.get("updated_at")));
        for (Map<String, Object> r : ordered) {
            Instant updated = (Instant) r.get("updated_at");
            if (updated.isBefore(from)) {
                continue;
            }
            failIfDue(sent++);
            if (request.keysOnly()) {
                sink.accept(new LinkedHashMap<>(Map.of("id", r.get("id"))));
            } else {
                sink.accept(new LinkedHashMap<>(r));
                sink.checkpoint(updated.toString());
            }
        }
        for (String id : deleteSignals) {
            sink.delete(Map.of("id", id));
        }
    }

    private void failIfDue(int sent) throws SourceException {
        if (failAfter >= 0 && sent >= failAfter) {
            throw SourceException.transientFault("the vendor went away after " + sent + " records", null);
        }
    }
}
