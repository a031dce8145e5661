package dev.stockroom.source.stripe;

import dev.stockroom.config.SourceConfig;
import dev.stockroom.source.Source;
import dev.stockroom.source.SourceFactory;
import dev.stockroom.source.http.ApiClient;
import dev.stockroom.source.http.Auth;
import dev.stockroom.source.http.RetryPolicy;
import java.time.Clock;

/** {@code type: stripe}: customers, subscriptions, invoices and charges, kept current through events. */
public final class StripeSourceFactory implements SourceFactory {

    private final Clock clock;
    private final RetryPolicy retry;

    public StripeSourceFactory() {
        this(Clock.systemUTC(), RetryPolicy.DEFAULT);
    }

    /** With the clock that decides whether events still reach back to the cursor, and a retry policy. */
    StripeSourceFactory(Clock clock, RetryPolicy retry) {
        this.clock = clock;
        this.retry = retry;
    }

    @Override
    public String type() {
        return "stripe";
    }

    @Override
    public Source create(SourceConfig config) {
        StripeConfig settings = StripeConfig.read(config.settings());
        ApiClient client = ApiClient.builder()
                .auth(Auth.bearer(settings.apiKey(), "check api_key: Stripe refused it; use a secret key "
                        + "(sk_live_...) or a restricted key with read access to customers, subscriptions, "
                        + "invoices, charges and events, from Developers > API keys"))
                .header("Stripe-Version", settings.stripeVersion())
                .maxRequestsPerSecond(settings.maxRequestsPerSecond())
                .readTimeout(settings.timeout())
                .retry(retry)
                .build();
        return new StripeSource(config.name(), settings, client, clock);
    }
}
