package dev.stockroom.source.googleanalytics;

import dev.stockroom.config.ConfigNode;
import dev.stockroom.config.SourceConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of a {@code type: google_analytics} source (GA4 Data API v1beta).
 *
 * <pre>
 * - name: web
 *   type: google_analytics
 *   property_id: "123456789"             # GA4 Admin, Property settings: the number, not G-XXXX
 *   credentials_file: "${GA_KEY_FILE}"   # the service account's JSON key
 *   page_size: 10000                     # rows per request, 1..250000 (default 10000)
 *   reports:                             # more streams, one per report; date is added first
 *     - { name: landing_pages, dimensions: [landingPage], metrics: [sessions] }
 *   api_base: https://analyticsdata.googleapis.com   # default; for tests and proxies
 *   token_uri: https://oauth2.googleapis.com/token   # default: the key file's token_uri
 * </pre>
 *
 * <p>The timezone is the property's, read from the API ({@code metadata.timeZone}); the
 * configured one applies only when GA does not say. The service account must be a Viewer of the
 * property (GA4 Admin, Property access management).
 *
 * @param timezone the configured timezone, used when GA does not say the property's
 */
public record GoogleAnalyticsConfig(String propertyId, Path credentialsFile, String apiBase,
                                    Optional<String> tokenUri, long pageSize, List<GoogleAnalyticsReport> reports,
                                    ZoneId timezone) {

    public static final String DEFAULT_API_BASE = "https://analyticsdata.googleapis.com";
    public static final long DEFAULT_PAGE_SIZE = 10_000;
    /** GA4 caps a page at 250,000 rows whatever is asked. */
    public static final long MAX_PAGE_SIZE = 250_000;
    /**
     * GA4's numbers settle for 24 to 48 hours, so incremental runs re-read the last 3 days when the
     * user set no lookback of their own.
     */
    public static final Duration DEFAULT_LOOKBACK = Duration.ofDays(3);

    public GoogleAnalyticsConfig {
        reports = List.copyOf(reports);
    }

    /** The standard streams and then the user's reports. */
    public List<GoogleAnalyticsReport> allReports() {
        List<GoogleAnalyticsReport> all = new ArrayList<>(GoogleAnalyticsReport.STANDARD);
        all.addAll(reports);
        return all;
    }

    static GoogleAnalyticsConfig read(SourceConfig source) {
        ConfigNode s = source.settings();
        String property = s.string("property_id").strip();
        if (property.startsWith("properties/")) {
            property = property.substring("properties/".length());
        }
        if (!property.matches("\\d+")) {
            throw s.error("property_id", "'" + property + "' is not a GA4 property id; write the number shown in "
                    + "GA4 Admin, Property settings (not a G-XXXXXXX measurement id)");
        }
        Path credentials = s.baseDir().resolve(s.string("credentials_file"));
        String apiBase = url(s, "api_base", s.string("api_base", DEFAULT_API_BASE));
        Optional<String> tokenUri = s.optString("token_uri").map(u -> url(s, "token_uri", u));
        long pageSize = s.integer("page_size", DEFAULT_PAGE_SIZE);
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw s.error("page_size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        List<GoogleAnalyticsReport> reports = new ArrayList<>();
        Set<String> names = new HashSet<>();
        GoogleAnalyticsReport.STANDARD.forEach(r -> names.add(r.name()));
        for (ConfigNode node : s.objects("reports")) {
            GoogleAnalyticsReport report = GoogleAnalyticsReport.read(node);
            if (!names.add(report.name())) {
                throw node.error("name", "a stream is already named '" + report.name() + "'; names must be unique "
                        + "(built in: pages, traffic_sources, geo_devices, member_pages)");
            }
            reports.add(report);
        }
        s.finish();
        return new GoogleAnalyticsConfig(property, credentials, apiBase, tokenUri, pageSize, reports,
                source.timezone());
    }

    private static String url(ConfigNode s, String key, String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() != null && uri.getScheme().matches("https?") && uri.getHost() != null) {
                return value.replaceAll("/+$", "");
            }
        } catch (IllegalArgumentException e) {
            // fall through to the message
        }
        throw s.error(key, "'" + value + "' is not an http(s) URL");
    }
}
