package dev.stockroom.source.mailchimp;

import dev.stockroom.config.ConfigNode;
import dev.stockroom.source.VendorUrls;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of a {@code type: mailchimp} source.
 *
 * @param apiKey         the API key; its suffix after the last {@code -} names the data center
 * @param listId         the audience whose members are loaded
 * @param baseUrl        {@code https://<dc>.api.mailchimp.com/3.0} unless given (a twin in tests)
 * @param maxConcurrent  at most 10: Mailchimp refuses more simultaneous connections per user
 * @param reportDays     campaigns sent this recently have their reports re-read (opens keep coming)
 */
public record MailchimpConfig(String apiKey, String listId, String baseUrl, int maxConcurrent,
                              double maxRequestsPerSecond, Duration reportDays, Duration timeout) {

    private static final Pattern DATA_CENTER = Pattern.compile("-([a-z]+[0-9]+)$");

    static MailchimpConfig read(ConfigNode s) {
        String key = s.string("api_key");
        String listId = s.string("list_id");
        String base;
        if (s.has("base_url")) {
            base = VendorUrls.base(s, "base_url", null);
        } else {
            Matcher dc = DATA_CENTER.matcher(key);
            if (!dc.find()) {
                throw s.error("api_key", "a Mailchimp API key ends in its data center, like ...-us19; copy the "
                        + "whole key from Account > Extras > API keys, or set base_url");
            }
            base = "https://" + dc.group(1) + ".api.mailchimp.com/3.0";
        }
        long concurrent = s.integer("max_concurrent_requests", 4);
        if (concurrent < 1 || concurrent > 10) {
            throw s.error("max_concurrent_requests", "Mailchimp allows at most 10 simultaneous connections per "
                    + "user, shared with every other app; choose 1 to 10");
        }
        MailchimpConfig config = new MailchimpConfig(key, listId, base, (int) concurrent,
                VendorUrls.perSecond(s, 0), s.optDuration("report_days").orElse(Duration.ofDays(30)),
                s.optDuration("timeout").orElse(Duration.ofSeconds(60)));
        s.finish();
        return config;
    }

    @Override
    public String toString() {
        return "MailchimpConfig[apiKey=***, listId=" + listId + ", baseUrl=" + baseUrl + "]";
    }
}
