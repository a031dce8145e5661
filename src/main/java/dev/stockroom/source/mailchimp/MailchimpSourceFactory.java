package dev.stockroom.source.mailchimp;

import dev.stockroom.config.SourceConfig;
import dev.stockroom.source.Source;
import dev.stockroom.source.SourceFactory;
import dev.stockroom.source.http.ApiClient;
import dev.stockroom.source.http.Auth;
import dev.stockroom.source.http.RetryPolicy;

/** {@code type: mailchimp}: one audience's members, its campaigns and their reports. */
public final class MailchimpSourceFactory implements SourceFactory {

    private final RetryPolicy retry;

    public MailchimpSourceFactory() {
        this(RetryPolicy.DEFAULT);
    }

    MailchimpSourceFactory(RetryPolicy retry) {
        this.retry = retry;
    }

    @Override
    public String type() {
        return "mailchimp";
    }

    @Override
    public Source create(SourceConfig config) {
        MailchimpConfig settings = MailchimpConfig.read(config.settings());
        ApiClient client = ApiClient.builder()
                .auth(Auth.basic("stockroom", settings.apiKey(), "check api_key: Mailchimp refused it; copy an "
                        + "active key from Account > Extras > API keys (the part after the last '-' is its data "
                        + "center, e.g. us19)"))
                .maxConcurrentRequests(settings.maxConcurrent())
                .maxRequestsPerSecond(settings.maxRequestsPerSecond())
                .readTimeout(settings.timeout())
                .retry(retry)
                .build();
        return new MailchimpSource(config.name(), settings, client);
    }
}
