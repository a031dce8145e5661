package dev.stockroom.source.stripe;

import dev.stockroom.config.ConfigNode;
import dev.stockroom.source.VendorUrls;
import java.time.Duration;

/**
 * The settings of a {@code type: stripe} source.
 *
 * @param apiKey                a secret ({@code sk_...}) or restricted ({@code rk_...}) key with read access
 * @param baseUrl               the API root, default {@code https://api.stripe.com/v1}; a twin's address in tests
 * @param stripeVersion         sent as {@code Stripe-Version}, so object shapes do not change under us
 * @param maxRequestsPerSecond  Stripe allows 100 reads/s live and 25/s in test mode; 0 for no limit
 * @param timeout               how long to wait for an answer
 */
public record StripeConfig(String apiKey, String baseUrl, String stripeVersion, double maxRequestsPerSecond,
                           Duration timeout) {

    public static final String DEFAULT_BASE_URL = "https://api.stripe.com/v1";
    public static final String DEFAULT_VERSION = "2024-06-20";

    static StripeConfig read(ConfigNode s) {
        String key = s.string("api_key");
        if (!key.matches("(sk|rk)_(live|test)_\\S+")) {
            throw s.error("api_key", "expected a Stripe secret key (sk_live_... or sk_test_...) or a restricted key "
                    + "(rk_live_...); find it under Developers > API keys in the Stripe dashboard");
        }
        StripeConfig config = new StripeConfig(key,
                VendorUrls.base(s, "base_url", DEFAULT_BASE_URL),
                s.string("stripe_version", DEFAULT_VERSION),
                VendorUrls.perSecond(s, 20),
                s.optDuration("timeout").orElse(Duration.ofSeconds(60)));
        s.finish();
        return config;
    }

    @Override
    public String toString() {
        return "StripeConfig[apiKey=***, baseUrl=" + baseUrl + ", stripeVersion=" + stripeVersion + "]";
    }
}
