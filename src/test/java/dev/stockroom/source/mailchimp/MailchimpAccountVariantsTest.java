package dev.stockroom.source.mailchimp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.config.ConfigLoader;
import dev.stockroom.config.EnvSubstitution;
import dev.stockroom.config.SourceConfig;
import dev.stockroom.demo.DemoBusiness;
import dev.stockroom.demo.mailchimp.MailchimpAudience;
import dev.stockroom.demo.mailchimp.MailchimpTwin;
import dev.stockroom.pipeline.RunSummary;
import dev.stockroom.source.PeopleVendorHarness;
import dev.stockroom.source.PeopleVendorHarness.Db;
import dev.stockroom.source.PeopleVendorHarness.MutableClock;
import dev.stockroom.source.ReadRequest;
import dev.stockroom.source.Source;
import dev.stockroom.source.StreamSpec;
import dev.stockroom.source.http.CollectingSink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Mailchimp connector against account variants: a second audience, archived members. */
class MailchimpAccountVariantsTest {

    private static final String KEY = MailchimpTwin.DEMO_KEY;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-15T06:00:00Z"));
    private MailchimpTwin twin;

    @BeforeEach
    void start() throws Exception {
        twin = new MailchimpTwin(DemoBusiness.standard(), KEY, clock, 0);
    }

    @AfterEach
    void stop() {
        twin.close();
    }

    private String yaml() {
        return """
                name: mail
                type: mailchimp
                api_key: "%s"
                list_id: "%s"
                base_url: "%s/3.0"
                """.formatted(KEY, MailchimpAudience.LIST_ID, twin.url());
    }

    @Test
    void campaign_reports_hold_only_the_configured_audiences_campaigns_when_the_account_has_two() throws Exception {
        twin.otherAudience(true);
        PeopleVendorHarness h = new PeopleVendorHarness(Db.DUCKDB, dir);

        RunSummary run = h.sync(yaml(), clock, PeopleVendorHarness.since(clock.today().minusDays(89)),
                c -> new MailchimpSourceFactory(PeopleVendorHarness.FAST_RETRIES).create(c));

        assertThat(run.failures()).as(run.results().toString()).isZero();
        assertThat(h.count("mail.campaign_reports")).isPositive().isEqualTo(h.count("mail.campaigns"));
        assertThat(h.count("mail.campaign_reports WHERE list_id <> '" + MailchimpAudience.LIST_ID + "'")).isZero();
        // The twin did serve the other audience's reports: the connector left them out.
        assertThat(twin.requests()).anyMatch(r -> r.path().equals("/3.0/reports"));
    }

    @Test
    void an_archived_member_is_a_delete_of_its_key() throws Exception {
        SourceConfig config = ConfigLoader.parse("sources:\n  - " + yaml().strip().replace("\n", "\n    ") + "\n",
                dir.resolve("stockroom.yml"), new EnvSubstitution(System::getenv, Map.of())).source("mail")
                .orElseThrow();
        String gone = (String) twin.audience().members.get(2).get("id");
        Instant cursor = clock.instant();
        twin.archive(gone, cursor.plus(Duration.ofHours(1)));
        clock.advance(Duration.ofHours(2));
        CollectingSink sink = new CollectingSink();
        try (Source source = new MailchimpSourceFactory(PeopleVendorHarness.FAST_RETRIES).create(config)) {
            StreamSpec members = source.streams().stream().filter(s -> s.name().equals("members")).findFirst()
                    .orElseThrow();
            source.read(members, new ReadRequest(null, cursor.toString(), ZoneOffset.UTC), sink);
        }
        assertThat(sink.deletes).containsExactly(Map.of("id", gone));
        assertThat(sink.field("id")).doesNotContain(gone);
    }

    @Test
    void the_twin_refuses_a_misnamed_query_parameter_with_a_problem_document() throws Exception {
        String auth = Base64.getEncoder().encodeToString(("any:" + KEY).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(twin.url() + "/3.0/reports?list_id=" + MailchimpAudience.LIST_ID))
                .header("Authorization", "Basic " + auth).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"title\":\"Invalid Resource\"").contains("'list_id'");
    }
}
