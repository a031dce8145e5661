package dev.stockroom.config;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings every source has, with the global defaults applied. The connector's own keys stay
 * in {@link #settings()}, read by the connector's factory.
 *
 * @param name       the source's name; becomes its warehouse schema
 * @param type       the connector type ({@code files}, {@code jdbc}, {@code rest}, vendors)
 * @param timezone   the configured reporting timezone (a vendor may report its own)
 * @param lookback   how much of the recent past incremental runs re-read (see {@link #lookbackGiven})
 * @param schedule   cron expression for the daemon
 * @param startDate  where {@code --full} and a first run begin, when the source has a beginning
 * @param staleAfter slack before a stream counts as stale
 * @param settings   the source's mapping, for the connector to read its own keys from
 * @param lookbackGiven whether the user set a lookback (for the source or globally); if not, a
 *                   connector's own default applies (GA4 numbers settle for 3 days)
 * @param excludeFields the source-level {@code exclude_fields: {stream: [paths]}}, for streams
 *                   the config does not list one by one (a vendor's)
 */
public record SourceConfig(
        String name,
        String type,
        ZoneId timezone,
        Duration lookback,
        String schedule,
        Optional<LocalDate> startDate,
        Duration staleAfter,
        ConfigNode settings,
        boolean lookbackGiven,
        Map<String, List<String>> excludeFields) {

    public SourceConfig {
        excludeFields = Map.copyOf(excludeFields);
    }

    /** A source without source-level {@code exclude_fields}. */
    public SourceConfig(String name, String type, ZoneId timezone, Duration lookback, String schedule,
                        Optional<LocalDate> startDate, Duration staleAfter, ConfigNode settings, boolean lookbackGiven) {
        this(name, type, timezone, lookback, schedule, startDate, staleAfter, settings, lookbackGiven, Map.of());
    }

    /** The owner's excluded paths for one stream, from the source-level mapping. */
    public List<String> excludeFields(String stream) {
        return excludeFields.getOrDefault(stream, List.of());
    }
}
