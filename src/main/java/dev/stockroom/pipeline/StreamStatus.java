package dev.stockroom.pipeline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The health of one stream, as {@code status}, the dashboard and staleness alerts see it.
 *
 * @param expectedNewestDay yesterday in the source's timezone: the newest day that could be complete
 * @param gaps              days without rows inside the last 30 loaded days (day-window streams only)
 * @param warning           why the latest run skipped the stream (the account cannot serve it), or null
 * @param deletedRows       rows whose record left the vendor ({@code _deleted_at} set)
 * @param reconciledAt      when the last complete read finished and marked deletions, or null
 * @param notes             what the last reconciliation changed, and columns left as text with the reason
 */
public record StreamStatus(String source, String stream, Instant lastSuccess, Instant lastFailure, String lastError,
                           long rows, LocalDate newestCompleteDay, LocalDate expectedNewestDay, List<LocalDate> gaps,
                           boolean stale, String warning, long deletedRows, Instant reconciledAt, List<String> notes) {

    public StreamStatus {
        notes = List.copyOf(notes == null ? List.of() : notes);
    }

    public StreamStatus(String source, String stream, Instant lastSuccess, Instant lastFailure, String lastError,
                        long rows, LocalDate newestCompleteDay, LocalDate expectedNewestDay, List<LocalDate> gaps,
                        boolean stale) {
        this(source, stream, lastSuccess, lastFailure, lastError, rows, newestCompleteDay, expectedNewestDay, gaps,
                stale, null, 0, null, List.of());
    }

    public String reconciledText() {
        return reconciledAt == null ? "-" : WHEN.format(reconciledAt);
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    public boolean failedLast() {
        return lastFailure != null && (lastSuccess == null || lastFailure.isAfter(lastSuccess));
    }

    /** ok, stale, failing or never. */
    public String health() {
        if (lastSuccess == null && lastFailure == null && newestCompleteDay == null) {
            return "never";
        }
        if (failedLast()) {
            return "failing";
        }
        return stale ? "stale" : "ok";
    }

    public String lastSuccessText() {
        return lastSuccess == null ? "-" : WHEN.format(lastSuccess);
    }

    public String lastFailureText() {
        return lastFailure == null ? "-" : WHEN.format(lastFailure);
    }

    public String newestDayText() {
        return newestCompleteDay == null ? "-" : newestCompleteDay.toString();
    }

    public String gapsText() {
        if (gaps.isEmpty()) {
            return "-";
        }
        return gaps.size() <= 3 ? gaps.toString() : gaps.size() + " days, first " + gaps.get(0);
    }
}
