package dev.stockroom.source.kit;

import dev.stockroom.config.SourceConfig;
import dev.stockroom.source.Source;
import dev.stockroom.source.SourceFactory;
import dev.stockroom.source.http.ApiClient;
import dev.stockroom.source.http.Auth;
import dev.stockroom.source.http.RetryPolicy;
import java.time.Clock;

/** {@code type: kit}: subscribers of every state, tags, and broadcasts with their stats (Kit API v4). */
public final class KitSourceFactory implements SourceFactory {

    private final Clock clock;
    private final RetryPolicy retry;

    public KitSourceFactory() {
        this(Clock.systemUTC(), RetryPolicy.DEFAULT);
    }

    /** With the clock that marks where a subscriber read started and which broadcasts are sent, and a retry policy. */
    KitSourceFactory(Clock clock, RetryPolicy retry) {
        this.clock = clock;
        this.retry = retry;
    }

    @Override
    public String type() {
        return "kit";
    }

    @Override
    public Source create(SourceConfig config) {
        KitConfig settings = KitConfig.read(config.settings());
        // Kit documents no Retry-After on its 429 [U]; the policy's backoff with jitter applies.
        // [U] the menu path "Settings > Developer" where Kit shows v4 API keys.
        ApiClient client = ApiClient.builder()
                .auth(Auth.apiKeyHeader("X-Kit-Api-Key", settings.apiKey(), "check api_key: Kit refused it; "
                        + "copy a v4 API key from Settings > Developer in Kit (v3 keys and secrets do not work "
                        + "with v4), and check that the account's plan includes API access"))
                .maxRequestsPerSecond(settings.maxRequestsPerSecond())
                .readTimeout(settings.timeout())
                .retry(retry)
                .build();
        return new KitSource(config.name(), settings, client, clock);
    }
}
