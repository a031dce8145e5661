package dev.stockroom.source.ghost;

import dev.stockroom.config.ConfigNode;
import dev.stockroom.config.Secrets;
import dev.stockroom.source.VendorUrls;
import java.time.Duration;

/**
 * The settings of a {@code type: ghost} source.
 *
 * @param baseUrl        the site's admin address, e.g. {@code https://example.ghost.io}; the Admin
 *                       API lives under {@code /ghost/api/admin/} there
 * @param keyId          the part of the Admin API key before the colon (the JWT's {@code kid})
 * @param secretHex      the part after it, hex; the HMAC key once decoded
 * @param acceptVersion  sent as {@code Accept-Version}, the oldest API version the connector expects
 */
public record GhostConfig(String baseUrl, String keyId, String secretHex, String acceptVersion,
                          double maxRequestsPerSecond, Duration timeout) {

    static GhostConfig read(ConfigNode s) {
        String base = VendorUrls.base(s, "base_url", null);
        String key = s.string("admin_api_key");
        Secrets.register(key);
        int colon = key.indexOf(':');
        if (colon < 1 || !key.substring(0, colon).matches("[0-9a-fA-F]+") || !key.substring(colon + 1).matches("([0-9a-fA-F]{2})+")) {
            throw s.error("admin_api_key", "expected the Admin API key as id:secret (hex), as shown under "
                    + "Settings > Integrations > your custom integration in Ghost admin");
        }
        Secrets.register(key.substring(colon + 1));
        String version = s.string("accept_version", "v5.0");
        if (!version.matches("v\\d+\\.\\d+")) {
            throw s.error("accept_version", "'" + version + "' is not an API version; write e.g. v5.0");
        }
        GhostConfig config = new GhostConfig(base.replaceAll("/ghost(/api(/admin)?)?$", ""),
                key.substring(0, colon), key.substring(colon + 1), version,
                VendorUrls.perSecond(s, 10), s.optDuration("timeout").orElse(Duration.ofSeconds(60)));
        s.finish();
        return config;
    }

    String apiRoot() {
        return baseUrl + "/ghost/api/admin";
    }

    @Override
    public String toString() {
        return "GhostConfig[baseUrl=" + baseUrl + ", keyId=" + keyId + ", secret=***]";
    }
}
