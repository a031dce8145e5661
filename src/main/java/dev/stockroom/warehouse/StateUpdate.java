package dev.stockroom.warehouse;

import java.time.LocalDate;

/**
 * The stream state a chunk moves, committed in the same transaction as its rows.
 *
 * @param source            source name
 * @param stream            stream name
 * @param cursor            the cursor after this chunk (null keeps none)
 * @param newestCompleteDay the newest day known complete after this chunk (never moves back)
 */
public record StateUpdate(String source, String stream, String cursor, LocalDate newestCompleteDay) {
}
