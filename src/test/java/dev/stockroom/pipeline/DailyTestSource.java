package dev.stockroom.pipeline;

import dev.stockroom.source.DayRange;
import dev.stockroom.source.ReadRequest;
import dev.stockroom.source.RecordSink;
import dev.stockroom.source.Source;
import dev.stockroom.source.StreamSpec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A daily report vendor in miniature (like GA4's pages report): rows per day and page, whose
 * numbers can be revised and whose rows can vanish, recording every window it was asked for.
 */
final class DailyTestSource implements Source {

    static final List<String> PAGES = List.of("/a", "/b", "/c");

    final List<DayRange> requested = new CopyOnWriteArrayList<>();
    volatile int revision = 0;
    volatile Set<String> vanished = Set.of();
    volatile boolean extraField = false;

    @Override
    public List<StreamSpec> streams() {
        return List.of(StreamSpec.daily("pages", List.of("day", "page"), "day"));
    }

    @Override
    public void read(StreamSpec stream, ReadRequest request, RecordSink sink) throws Exception {
        requested.add(request.window());
        for (LocalDate day = request.firstDay(); !day.isAfter(request.lastDay()); day = day.plusDays(1)) {
            for (String page : PAGES) {
                if (vanished.contains(page)) {
                    continue;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("day", day);
                row.put("page", page);
                row.put("pageViews", views(day, page));
                if (extraField) {
                    row.put("bounceRate", 0.5);
                }
                sink.accept(row);
            }
        }
    }

    long views(LocalDate day, String page) {
        return day.getDayOfMonth() * 10L + page.charAt(1) + revision * 1000L;
    }

    List<LocalDate> requestedDays() {
        List<LocalDate> days = new ArrayList<>();
        for (DayRange r : requested) {
            for (LocalDate d = r.first(); !d.isAfter(r.last()); d = d.plusDays(1)) {
                days.add(d);
            }
        }
        return days;
    }
}
