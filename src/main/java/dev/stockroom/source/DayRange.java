package dev.stockroom.source;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An inclusive range of calendar days, in some timezone known to whoever holds it. */
public record DayRange(LocalDate first, LocalDate last) {

    public DayRange {
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("empty day range " + first + ".." + last);
        }
    }

    public static DayRange of(LocalDate day) {
        return new DayRange(day, day);
    }

    /** The first instant of the range in the zone. */
    public Instant startIn(ZoneId zone) {
        return first.atStartOfDay(zone).toInstant();
    }

    /** Cuts the range into chunks of a day or a calendar month each. */
    public List<DayRange> split(Chunking chunking) {
        List<DayRange> chunks = new ArrayList<>();
        LocalDate start = first;
        while (!start.isAfter(last)) {
            LocalDate end = chunking == Chunking.DAY ? start : start.withDayOfMonth(start.lengthOfMonth());
            if (end.isAfter(last)) {
                end = last;
            }
            chunks.add(new DayRange(start, end));
            start = end.plusDays(1);
        }
        return chunks;
    }

    @Override
    public String toString() {
        return first.equals(last) ? first.toString() : first + ".." + last;
    }
}
