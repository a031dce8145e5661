package dev.stockroom.schedule;

import dev.stockroom.pipeline.StreamStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns stream statuses into alerts: one when a stream becomes stale, one when it recovers, and
 * nothing in between however often it is asked (one message per stale episode).
 */
public final class StalenessWatch {

    /** An alert to send. */
    public record Alert(String subject, String body) {
    }

    private final Set<String> stale = new HashSet<>();

    public synchronized List<Alert> update(List<StreamStatus> statuses, Metrics metrics) {
        List<Alert> alerts = new ArrayList<>();
        for (StreamStatus s : statuses) {
            String name = s.source() + "." + s.stream();
            metrics.setStale(s.source(), s.stream(), s.stale());
            if (s.stale() && stale.add(name)) {
                alerts.add(new Alert("Stockroom: " + name + " is stale",
                        name + " has no complete day since " + s.newestDayText() + " (expected "
                                + s.expectedNewestDay() + "). Check 'stockroom status' and the last run's error."));
            } else if (!s.stale() && stale.remove(name)) {
                alerts.add(new Alert("Stockroom: " + name + " recovered",
                        name + " is up to date again (newest complete day " + s.newestDayText() + ")."));
            }
        }
        return alerts;
    }
}
