package dev.stockroom.source.googleanalytics;

import dev.stockroom.config.SourceConfig;
import dev.stockroom.source.Source;
import dev.stockroom.source.SourceFactory;
import dev.stockroom.source.http.ApiClient;
import dev.stockroom.source.http.Auth;
import dev.stockroom.source.http.Request;
import dev.stockroom.source.http.RetryPolicy;
import dev.stockroom.source.http.SignedTokenAuth;
import dev.stockroom.source.http.Timing;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code type: google_analytics}: GA4 Data API v1beta with a service-account key. Binding only:
 * reads the settings and the key file, touches no network.
 */
public final class GoogleAnalyticsSourceFactory implements SourceFactory {

    private final RetryPolicy retry;

    public GoogleAnalyticsSourceFactory() {
        this(RetryPolicy.DEFAULT);
    }

    /** With another retry policy: tests survive a 429 burst without waiting seconds. */
    GoogleAnalyticsSourceFactory(RetryPolicy retry) {
        this.retry = retry;
    }

    @Override
    public String type() {
        return "google_analytics";
    }

    @Override
    public Source create(SourceConfig source) {
        GoogleAnalyticsConfig config = GoogleAnalyticsConfig.read(source);
        ServiceAccountKey key;
        try {
            key = ServiceAccountKey.read(config.credentialsFile());
        } catch (IllegalArgumentException e) {
            throw source.settings().error("credentials_file", e.getMessage());
        }
        String access = "check that the service account " + key.clientEmail() + " (credentials_file) is a Viewer "
                + "of GA4 property " + config.propertyId() + " (GA4 Admin, Property access management) and that "
                + "the Google Analytics Data API is enabled for its Cloud project";
        ApiClient tokenClient = ApiClient.builder().auth(new KeyOnly(access)).retry(retry).build();
        ServiceAccountTokens tokens = new ServiceAccountTokens(key, config.tokenUri().orElse(key.tokenUri()),
                tokenClient);
        Auth auth = new SignedTokenAuth("Authorization", "Bearer", tokens, Duration.ofMinutes(5), Timing.system(),
                access);
        // GA4 documents no Retry-After on 429 RESOURCE_EXHAUSTED [U]: exponential backoff with jitter.
        ApiClient client = ApiClient.builder().auth(auth).retry(retry).maxConcurrentRequests(4).build();
        return new GoogleAnalyticsSource(source.name(), config, client, Clock.systemUTC());
    }

    /** The token endpoint takes no credentials but the signed assertion in the body. */
    private record KeyOnly(String hint) implements Auth {
        @Override
        public Request authorize(Request request) {
            return request;
        }
    }
}
