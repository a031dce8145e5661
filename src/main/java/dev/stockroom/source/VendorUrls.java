package dev.stockroom.source;

import dev.stockroom.config.ConfigNode;
import dev.stockroom.config.Secrets;
import java.net.URI;

/** Settings every vendor connector reads the same way: its API address and its request rate. */
public final class VendorUrls {

    private VendorUrls() {
    }

    /** An http(s) address without a trailing slash, or the vendor's own when the key is absent. */
    public static String base(ConfigNode s, String key, String fallback) {
        // Without a fallback (a self-hosted vendor such as Ghost) the key is required.
        String url = (fallback == null ? s.string(key) : s.string(key, fallback)).strip();
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw s.error(key, "'" + Secrets.redact(url) + "' is not a URL; leave " + key + " out to use "
                    + (fallback == null ? "the vendor's address" : fallback));
        }
        if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
            throw s.error(key, "'" + Secrets.redact(url) + "' is not an http(s) URL"
                    + (fallback == null ? "" : "; leave " + key + " out to use " + fallback));
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** {@code max_requests_per_second}, with the vendor's safe default; 0 means no limit. */
    public static double perSecond(ConfigNode s, double fallback) {
        double value = s.optDouble("max_requests_per_second").orElse(fallback);
        if (value < 0) {
            throw s.error("max_requests_per_second", "must be 0 (no limit) or more");
        }
        return value;
    }
}
