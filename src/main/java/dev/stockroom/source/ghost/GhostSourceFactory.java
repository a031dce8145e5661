package dev.stockroom.source.ghost;

import dev.stockroom.config.SourceConfig;
import dev.stockroom.source.Source;
import dev.stockroom.source.SourceFactory;
import dev.stockroom.source.http.ApiClient;
import dev.stockroom.source.http.RetryPolicy;
import dev.stockroom.source.http.SignedTokenAuth;
import dev.stockroom.source.http.Timing;
import java.time.Clock;
import java.time.Duration;

/** {@code type: ghost}: members, posts with their email stats, and newsletters from the Admin API. */
public final class GhostSourceFactory implements SourceFactory {

    private final Clock clock;
    private final RetryPolicy retry;

    public GhostSourceFactory() {
        this(Clock.systemUTC(), RetryPolicy.DEFAULT);
    }

    /** With the clock tokens are signed by, and a retry policy. */
    GhostSourceFactory(Clock clock, RetryPolicy retry) {
        this.clock = clock;
        this.retry = retry;
    }

    @Override
    public String type() {
        return "ghost";
    }

    @Override
    public Source create(SourceConfig config) {
        GhostConfig settings = GhostConfig.read(config.settings());
        Timing tokenTime = new Timing() {
            @Override
            public java.time.Instant now() {
                return clock.instant();
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                Timing.system().sleep(duration);
            }
        };
        ApiClient client = ApiClient.builder()
                .auth(new SignedTokenAuth("Authorization", "Ghost",
                        new GhostAdminToken(settings.keyId(), settings.secretHex()), Duration.ofMinutes(1), tokenTime,
                        "check admin_api_key: copy the Admin API key (id:secret) of a custom integration from "
                                + "Settings > Integrations, and base_url (the site's admin address)"))
                .header("Accept-Version", settings.acceptVersion())
                .maxRequestsPerSecond(settings.maxRequestsPerSecond())
                .readTimeout(settings.timeout())
                .retry(retry)
                .build();
        return new GhostSource(config.name(), settings, client, config.lookback());
    }
}
