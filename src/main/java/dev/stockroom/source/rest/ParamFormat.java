package dev.stockroom.source.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How an instant is written into a query parameter: {@code unix} (seconds), {@code unix_ms},
 * {@code iso} (ISO-8601 with offset, in the source's timezone) or a {@link DateTimeFormatter}
 * pattern such as {@code yyyy-MM-dd}, applied in the source's timezone.
 */
final class ParamFormat {

    private static final Instant PROBE = Instant.parse("2024-01-01T00:00:00Z");

    private final String name;
    private final DateTimeFormatter pattern;

    private ParamFormat(String name, DateTimeFormatter pattern) {
        this.name = name;
        this.pattern = pattern;
    }

    /** @throws IllegalArgumentException naming the valid forms */
    static ParamFormat parse(String text) {
        switch (text) {
            case "unix", "unix_ms" -> {
                return new ParamFormat(text, null);
            }
            case "iso" -> {
                return new ParamFormat(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            }
            default -> {
                try {
                    DateTimeFormatter formatter = DateTimeFormatter.ofPattern(text);
                    formatter.format(PROBE.atZone(ZoneId.of("UTC")));
                    return new ParamFormat(text, formatter);
                } catch (IllegalArgumentException | java.time.DateTimeException e) {
                    throw new IllegalArgumentException("'" + text + "' is not a date format; write unix, unix_ms, iso "
                            + "or a pattern like yyyy-MM-dd");
                }
            }
        }
    }

    String format(Instant instant, ZoneId zone) {
        return switch (name) {
            case "unix" -> Long.toString(instant.getEpochSecond());
            case "unix_ms" -> Long.toString(instant.toEpochMilli());
            default -> pattern.format(instant.atZone(zone));
        };
    }

    /** True for formats that show a day but not a time of day, such as {@code yyyy-MM-dd}. */
    boolean dayOnly() {
        ZoneId utc = ZoneId.of("UTC");
        return format(PROBE, utc).equals(format(PROBE.plusSeconds(3600 * 5 + 61), utc));
    }

    String start(LocalDate day, ZoneId zone) {
        return format(day.atStartOfDay(zone).toInstant(), zone);
    }

    /**
     * The end of a window ending with {@code lastDay}: inclusive means the last day itself for
     * day formats and its last millisecond otherwise; exclusive means the next day's start.
     */
    String end(LocalDate lastDay, ZoneId zone, boolean inclusive) {
        Instant endExclusive = lastDay.plusDays(1).atStartOfDay(zone).toInstant();
        if (!inclusive) {
            return format(endExclusive, zone);
        }
        return dayOnly() ? start(lastDay, zone) : format(endExclusive.minusMillis(1), zone);
    }

    /**
     * A saved cursor (the largest cursor field seen) rewritten in this format when it reads as a
     * time; sent as it is otherwise (an id, a sequence number).
     */
    String cursor(String saved, ZoneId zone) {
        return asInstant(saved, zone).map(i -> format(i, zone)).orElse(saved);
    }

    static Optional<Instant> asInstant(String text, ZoneId zone) {
        String s = text.strip();
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return Optional.of(LocalDateTime.parse(s).atZone(zone).toInstant());
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return Optional.of(LocalDate.parse(s).atStartOfDay(zone).toInstant());
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        if (s.matches("\\d{9,13}")) {
            long n = new BigDecimal(s).longValue();
            // Ten digits of seconds reach the year 2286; more digits are milliseconds.
            return Optional.of(s.length() <= 10 ? Instant.ofEpochSecond(n) : Instant.ofEpochMilli(n));
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return name;
    }
}
