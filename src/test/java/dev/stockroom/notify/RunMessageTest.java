package dev.stockroom.notify;

import static dev.stockroom.notify.Fixtures.failed;
import static dev.stockroom.notify.Fixtures.ok;
import static dev.stockroom.notify.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.config.Secrets;
import dev.stockroom.pipeline.StreamResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunMessageTest {

    @Test
    void the_headline_counts_streams_by_outcome_and_sums_rows_written() {
        var summary = run(ok("a", "1", 10_000), ok("a", "2", 2_000), ok("b", "1", 300), ok("b", "2", 40),
                ok("c", "1", 5), failed("c", "2", "boom", true));

        assertThat(RunMessage.headline(summary)).isEqualTo("Stockroom: 5 streams OK, 1 failed — 12,345 rows");
    }

    @Test
    void a_clean_run_and_an_empty_run_have_their_own_headlines() {
        assertThat(RunMessage.headline(run(ok("web", "pages", 1)))).isEqualTo("Stockroom: 1 stream OK — 1 row");
        assertThat(RunMessage.headline(run())).isEqualTo("Stockroom: nothing to sync");
    }

    @Test
    void failures_come_first_with_their_error_and_a_plain_judgement() {
        String text = RunMessage.plain(run(ok("web", "pages", 1200),
                failed("shop", "orders", "HTTP 503\nService Unavailable", true),
                failed("site", "members", "401 Unauthorized", false)));

        assertThat(text.lines()).containsExactly(
                "Stockroom: 1 stream OK, 2 failed — 1,200 rows",
                "❌ shop.orders — failed, 0 rows, 2024-05-07, 1m 15s",
                "    error: HTTP 503 Service Unavailable",
                "    looks temporary; the next run will likely fix it",
                "❌ site.members — failed, 0 rows, 2024-05-07, 1m 15s",
                "    error: 401 Unauthorized",
                "    needs you: check credentials / the API changed",
                "✅ web.pages — 1,200 rows, 2024-05-01..2024-05-07, 3.2 s",
                "run run-42, took 3m 12s");
    }

    @Test
    void skipped_and_whole_table_streams_show_without_days() {
        var skipped = new StreamResult("files", "refunds", "full", null, null, StreamResult.Status.SKIPPED, 0, 0,
                Duration.ofMillis(40), null, false);

        assertThat(RunMessage.plain(run(skipped))).contains("➖ files.refunds — skipped, 0 rows, 0.0 s\n");
    }

    @Test
    void the_html_variant_escapes_markup_and_bolds_only_the_headline() {
        String html = RunMessage.html(run(failed("shop", "orders", "<h1>502</h1> & \"more\"", true)));

        assertThat(html).startsWith("<b>Stockroom: 0 streams OK, 1 failed — 0 rows</b>\n")
                .contains("error: &lt;h1&gt;502&lt;/h1&gt; &amp; \"more\"")
                .doesNotContain("<h1>");
    }

    @Test
    void errors_are_redacted_and_shortened() {
        Secrets.register("pw-RunMessageSecret");
        String text = RunMessage.plain(run(failed("site", "members", "password pw-RunMessageSecret rejected "
                + "x".repeat(2000), false)));

        assertThat(text).doesNotContain("pw-RunMessageSecret").contains("password *** rejected")
                .contains("x".repeat(100) + "…").doesNotContain("x".repeat(RunMessage.MAX_ERROR_CHARS));
    }
}
