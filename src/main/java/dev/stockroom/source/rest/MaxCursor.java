package dev.stockroom.source.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The largest cursor value seen in a stream's records, which need not come in order. Numbers
 * compare as numbers, times as instants (so {@code +02:00} and {@code Z} compare right), other
 * text as text.
 */
final class MaxCursor {

    private final ZoneId zone;
    private Comparable<Object> best;
    private String bestText;

    MaxCursor(ZoneId zone) {
        this.zone = zone;
    }

    void offer(Object value) {
        if (value == null) {
            return;
        }
        String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        if (text.isBlank()) {
            return;
        }
        Comparable<Object> key = key(value, text);
        if (best == null || greater(key, best, text)) {
            best = key;
            bestText = text;
        }
    }

    Optional<String> value() {
        return Optional.ofNullable(bestText);
    }

    private boolean greater(Comparable<Object> key, Comparable<Object> current, String text) {
        if (key.getClass() == current.getClass()) {
            return key.compareTo(current) > 0;
        }
        return text.compareTo(bestText) > 0;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Comparable<Object> key(Object value, String text) {
        if (value instanceof Number) {
            return (Comparable) new BigDecimal(text);
        }
        if (text.matches("-?\\d+(\\.\\d+)?")) {
            return (Comparable) new BigDecimal(text);
        }
        Optional<Instant> instant = ParamFormat.asInstant(text, zone);
        if (instant.isPresent()) {
            return (Comparable) instant.get();
        }
        return (Comparable) text;
    }
}
