package dev.stockroom.source.plausible;

import dev.stockroom.config.ConfigNode;
import dev.stockroom.config.SourceConfig;
import java.net.URI;
import java.time.ZoneId;

/**
 * The settings of a {@code type: plausible} source.
 *
 * <pre>
 * - name: web
 *   type: plausible
 *   site_id: example.com           # the site's domain as Plausible shows it
 *   api_key: "${PLAUSIBLE_KEY}"    # a Stats API key (Account settings, API keys)
 *   base_url: https://plausible.io # default; a self-hosted instance's address otherwise
 *   timezone: Europe/Berlin        # the site's timezone in Plausible (see below)
 *   page_size: 10000               # rows per request, 1..10000 (default 10000)
 *   include_imports: true          # default: history imported into Plausible (from GA) is included
 * </pre>
 *
 * <p>{@code include_imports} sends {@code include.imports: true} on every query, so a backfill
 * carries the imported history and an incremental re-read of a window gets the same numbers as
 * the backfill did. Reports by a custom property ({@code event:props:*}) never ask for imports,
 * which cannot hold custom properties.
 *
 * <p>The Stats API v2 does not say a site's timezone in its answers, yet it counts days in it.
 * So the configured {@code timezone} (of the source, else the global one) is taken as the site's;
 * {@code stockroom check} compares it with the offset Plausible echoes in {@code query.date_range}.
 *
 * @param siteId   {@code site_id}
 * @param apiKey   {@code api_key}; never printed
 * @param baseUrl  {@code base_url} without a trailing slash
 * @param timezone the site's timezone as configured
 * @param pageSize {@code page_size}
 * @param includeImports {@code include_imports}
 */
public record PlausibleConfig(String siteId, String apiKey, String baseUrl, ZoneId timezone, long pageSize,
                              boolean includeImports) {

    public static final String DEFAULT_BASE_URL = "https://plausible.io";
    /** Plausible's own default and maximum page size. */
    public static final long MAX_PAGE_SIZE = 10_000;

    @Override
    public String toString() {
        return "PlausibleConfig[siteId=" + siteId + ", apiKey=***, baseUrl=" + baseUrl + ", timezone=" + timezone
                + ", pageSize=" + pageSize + "]";
    }

    /** Reads and checks the source's keys; names file, line and key on a mistake. */
    static PlausibleConfig read(SourceConfig source) {
        ConfigNode s = source.settings();
        String siteId = s.string("site_id").strip();
        if (siteId.isEmpty() || siteId.startsWith("http://") || siteId.startsWith("https://")) {
            throw s.error("site_id", "write the site's domain as Plausible shows it, e.g. example.com "
                    + "(no https://)");
        }
        String apiKey = s.string("api_key");
        if (apiKey.isBlank()) {
            throw s.error("api_key", "is empty; create a Stats API key in Plausible (Account settings, API keys)");
        }
        String baseUrl = s.string("base_url", DEFAULT_BASE_URL);
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw s.error("base_url", "'" + baseUrl + "' is not a URL; write e.g. " + DEFAULT_BASE_URL);
        }
        if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
            throw s.error("base_url", "'" + baseUrl + "' is not an http(s) URL; write e.g. " + DEFAULT_BASE_URL);
        }
        long pageSize = s.integer("page_size", MAX_PAGE_SIZE);
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw s.error("page_size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        boolean includeImports = s.bool("include_imports", true);
        s.finish();
        return new PlausibleConfig(siteId, apiKey, baseUrl.replaceAll("/+$", ""), source.timezone(), pageSize,
                includeImports);
    }
}
