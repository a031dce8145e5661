package dev.stockroom.source;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A connector: it describes its streams and pushes their records into a {@link RecordSink}.
 *
 * <p>A source knows nothing of databases. It is given a {@link ReadRequest} (a window of days, a
 * cursor, or "everything") and emits plain records: maps from field name to Java value
 * ({@code String}, {@code Long}, {@code BigDecimal}, {@code Double}, {@code Boolean},
 * {@code LocalDate}, {@code Instant}, or nested {@code Map}/{@code List} stored as JSON).
 *
 * <p>Only {@link #streams()} and {@link #read} are required; the rest have sensible defaults.
 */
public interface Source extends AutoCloseable {

    /** The streams this source offers, in the order they should load. */
    List<StreamSpec> streams();

    /**
     * Reads one stream for the request and pushes each record into the sink. Cursor streams call
     * {@link RecordSink#checkpoint(String)} whenever every record up to that cursor was pushed.
     *
     * @throws SourceException for failures the user must know about (bad credentials, bad data)
     */
    void read(StreamSpec stream, ReadRequest request, RecordSink sink) throws Exception;

    /** One cheap call proving that the source is reachable and the credentials work. */
    default void check() throws Exception {
    }

    /**
     * The vendor's own reporting timezone, when the vendor says it (GA4 property, Plausible
     * site). Empty means the configured timezone applies.
     */
    default Optional<ZoneId> vendorTimezone() throws Exception {
        return Optional.empty();
    }

    /**
     * How much of the recent past this vendor's numbers keep changing, when the user set no
     * lookback (GA4: 3 days). Empty means the global default.
     */
    default Optional<java.time.Duration> defaultLookback() {
        return Optional.empty();
    }

    @Override
    default void close() throws Exception {
    }
}
