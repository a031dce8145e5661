package dev.stockroom.source.plausible;

import dev.stockroom.config.SourceConfig;
import dev.stockroom.source.Source;
import dev.stockroom.source.SourceFactory;
import dev.stockroom.source.http.ApiClient;
import dev.stockroom.source.http.Auth;
import dev.stockroom.source.http.RetryPolicy;

/** {@code type: plausible}: the Plausible Stats API v2. Binding only: touches no network. */
public final class PlausibleSourceFactory implements SourceFactory {

    private final RetryPolicy retry;

    public PlausibleSourceFactory() {
        this(RetryPolicy.DEFAULT);
    }

    /** With another retry policy: tests survive a 429 burst without waiting seconds. */
    PlausibleSourceFactory(RetryPolicy retry) {
        this.retry = retry;
    }

    @Override
    public String type() {
        return "plausible";
    }

    @Override
    public Source create(SourceConfig source) {
        PlausibleConfig config = PlausibleConfig.read(source);
        Auth auth = Auth.bearer(config.apiKey(), "check api_key (a Stats API key from Plausible's Account settings, "
                + "API keys) and that site_id '" + config.siteId() + "' is a site that key can read");
        // Plausible answers 429 with no Retry-After and no rate-limit headers (600 requests an hour per key by
        // default), so the client's exponential backoff with jitter is all there is to go by.
        ApiClient client = ApiClient.builder()
                .auth(auth)
                .retry(retry)
                .maxConcurrentRequests(2)
                .build();
        return new PlausibleSource(source.name(), config, client);
    }
}
