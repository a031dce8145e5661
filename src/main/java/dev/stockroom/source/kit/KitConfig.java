package dev.stockroom.source.kit;

import dev.stockroom.config.ConfigNode;
import dev.stockroom.source.VendorUrls;
import java.time.Duration;

/**
 * The settings of a {@code type: kit} source.
 *
 * @param apiKey                a v4 API key, sent as {@code X-Kit-Api-Key}; v3 keys and secrets do not work
 * @param baseUrl               the API root, default {@code https://api.kit.com/v4}; a twin's address in tests
 * @param maxRequestsPerSecond  Kit allows an API key 120 requests per rolling minute; 0 for no limit
 * @param statsDays             broadcasts sent this recently have their stats read again (opens keep coming)
 * @param timeout               how long to wait for an answer
 */
public record KitConfig(String apiKey, String baseUrl, double maxRequestsPerSecond, Duration statsDays,
                        Duration timeout) {

    public static final String DEFAULT_BASE_URL = "https://api.kit.com/v4";

    static KitConfig read(ConfigNode s) {
        String key = s.string("api_key").strip();
        if (key.isEmpty()) {
            throw s.error("api_key", "is empty; copy a v4 API key from Settings > Developer in Kit");
        }
        Duration statsDays = s.optDuration("stats_days").orElse(Duration.ofDays(30));
        if (statsDays.isNegative()) {
            throw s.error("stats_days", "must be 0 or more, e.g. 30d");
        }
        KitConfig config = new KitConfig(key,
                VendorUrls.base(s, "base_url", DEFAULT_BASE_URL),
                // 120 a minute is 2 a second; a little under, so a run never meets the limit itself.
                VendorUrls.perSecond(s, 1.8),
                statsDays,
                s.optDuration("timeout").orElse(Duration.ofSeconds(60)));
        s.finish();
        return config;
    }

    @Override
    public String toString() {
        return "KitConfig[apiKey=***, baseUrl=" + baseUrl + ", statsDays=" + statsDays + "]";
    }
}
