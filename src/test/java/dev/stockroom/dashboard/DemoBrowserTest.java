package dev.stockroom.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.cli.Main;
import dev.stockroom.config.ConfigLoader;
import dev.stockroom.config.StockroomConfig;
import dev.stockroom.warehouse.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The demo as a newcomer sees it: the simulated vendors loaded by the real connectors, then every
 * page of the dashboard in headless Chromium, each chart drawn with the business's numbers.
 */
@SuppressWarnings("unchecked")
class DemoBrowserTest {

    @TempDir
    static Path dir;

    static DashboardServer server;
    static WebDriver browser;
    static Dialect dialect;

    @BeforeAll
    static void loadTheDemo() throws Exception {
        assertThat(Main.run("demo", "--dir", dir.resolve("demo").toString(), "--days", "45", "--no-serve")).isZero();
        StockroomConfig config = ConfigLoader.load(dir.resolve("demo/stockroom.yml"));
        dialect = Dialect.forUrl(config.warehouse(), config.baseDir(), "512MB");
        server = DashboardServer.start(DashboardContext.of(config, ReadConnections.perRequest(dialect),
                DashboardSettings.defaults().withAddress("127.0.0.1", 0)));
        browser = Browsers.chromium(dir.resolve("chrome-profile"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void every_demo_page_renders_its_charts_with_data_and_no_console_errors() throws Exception {
        for (String page : List.of("/d/business?range=last30", "/d/newsletter?range=last30", "/health", "/runs",
                "/sql")) {
            browser.get(server.url() + page.substring(1));
            assertThat(browser.findElements(By.cssSelector(".error-box"))).as(page).isEmpty();
            List<Map<String, Object>> charts = (List<Map<String, Object>>) ((JavascriptExecutor) browser).executeScript("""
                    return Array.from(document.querySelectorAll('.chart')).map(el => {
                      const c = echarts.getInstanceByDom(el);
                      const o = c ? c.getOption() : null;
                      return {drawn: !!c, points: o ? o.series.map(s => s.data.filter(v => v != null).length) : []};
                    });""");
            for (Map<String, Object> chart : charts) {
                assertThat(chart.get("drawn")).as(page).isEqualTo(true);
                // A series may be empty (a 90-day conversion rate no cohort has reached yet), never the chart.
                assertThat((List<Number>) chart.get("points")).as(page).isNotEmpty()
                        .anySatisfy(n -> assertThat(n.longValue()).isPositive());
            }
            if (page.startsWith("/d/")) {
                assertThat(charts).as(page).isNotEmpty();
            }
            Path shot = Path.of("target", "screenshots", "demo-" + page.replaceAll("[^a-z]+", "-") + ".png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
            assertThat(errors).as(page + " console errors").isEmpty();
        }
        browser.get(server.url() + "d/business?range=last30");
        assertThat(browser.findElements(By.cssSelector(".kpi-value"))).hasSize(4)
                .allSatisfy(v -> assertThat(v.getText()).matches("[1-9][0-9,.]*"));
        assertThat(browser.getPageSource()).contains("Posts most read by paying members");
    }

    /** The cells of a tile's table, by row, as shown. */
    private static List<List<String>> cells(String tile) {
        return (List<List<String>>) ((JavascriptExecutor) browser).executeScript("""
                const t = Array.from(document.querySelectorAll('.tile')).find(s => s.querySelector('h2').textContent === arguments[0]);
                return Array.from(t.querySelectorAll('tbody tr')).map(r => Array.from(r.cells).map(c => c.textContent));""",
                tile);
    }

    private static double number(String shown) {
        return Double.parseDouble(shown.replace(",", "").replace("%", ""));
    }

    /** One number from the warehouse, read in the project's timezone as the dashboard reads. */
    private static double sql(String query) throws Exception {
        try (dev.stockroom.warehouse.Warehouse w = WarehouseAccess.open(ReadConnections.perRequest(dialect),
                java.time.ZoneId.of("Europe/Berlin"));
             java.sql.Statement st = w.connection().createStatement();
             java.sql.ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    private static String[] range() {
        String text = browser.findElement(By.cssSelector(".range-text")).getText();
        return new String[] {text.substring(0, 10), text.substring(13, 23)};
    }

    @Test
    void the_overview_answers_which_posts_paying_and_free_members_read_per_post() throws Exception {
        browser.get(server.url() + "d/business?range=last30");
        String[] r = range();
        List<List<String>> rows = cells("Posts most read by paying members");
        assertThat(rows).hasSizeGreaterThan(3);
        assertThat(rows.stream().map(row -> row.get(5)).distinct().count()).as("one row per post").isEqualTo(rows.size());
        for (List<String> row : rows.subList(0, 3)) {
            assertThat(row.get(1)).matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(row.get(5)).startsWith("https://themargin.example/");
            String path = row.get(5).replaceFirst("^https://[^/]+", "");
            // Straight from GA4's rows: views of that page by paying members in the range.
            assertThat(number(row.get(2))).isEqualTo(sql("SELECT SUM(screen_page_views) FROM ga.member_pages WHERE "
                    + "custom_user_member_status = 'paid' AND page_path = '" + path + "' AND date BETWEEN '" + r[0]
                    + "' AND '" + r[1] + "'"));
            assertThat(number(row.get(3))).isEqualTo(sql("SELECT SUM(screen_page_views) FROM ga.member_pages WHERE "
                    + "custom_user_member_status = 'free' AND page_path = '" + path + "' AND date BETWEEN '" + r[0]
                    + "' AND '" + r[1] + "'"));
        }
        // The title drills down to the post's own dashboard, range kept.
        String title = rows.get(0).get(0);
        browser.findElement(By.linkText(title)).click();
        assertThat(browser.getCurrentUrl()).contains("/d/post?").contains("range=last30").contains("post=");
        assertThat(cells("The post").get(0).get(0)).isEqualTo(title);
    }

    @Test
    void the_overview_answers_conversion_as_a_cohort_rate_with_its_counts() throws Exception {
        browser.get(server.url() + "d/business?range=last90");
        String[] r = range();
        List<List<String>> rows = cells("Conversion cohorts (counts)");
        assertThat(rows).isNotEmpty();
        boolean checked = false;
        for (List<String> row : rows) {
            if (row.get(2).equals("–")) {
                continue; // the cohort has not had 30 days yet
            }
            // From Ghost and Stripe directly: members who signed up free that month (in the range), and
            // of them, those whose first subscription began within 30 days.
            String cohort = "FROM ghost.members m LEFT JOIN (SELECT c.email, MIN(s.start_date) AS paid FROM "
                    + "stripe.subscriptions s JOIN stripe.customers c ON c.id = s.customer GROUP BY 1) f ON f.email = m.email "
                    + "WHERE m.status <> 'comped' AND (f.paid IS NULL OR f.paid > m.created_at + INTERVAL 1 HOUR) "
                    + "AND date_trunc('month', m.created_at) = DATE '" + row.get(0) + "' "
                    + "AND CAST(m.created_at AS DATE) BETWEEN '" + r[0] + "' AND '" + r[1] + "'";
            double free = sql("SELECT COUNT(*) " + cohort);
            double paying = sql("SELECT COUNT(*) " + cohort + " AND date_diff('day', m.created_at, f.paid) <= 30");
            assertThat(number(row.get(1))).isEqualTo(free);
            assertThat(number(row.get(2))).isEqualTo(paying);
            assertThat(row.get(3)).isEqualTo(String.format(java.util.Locale.ENGLISH, "%.1f%%", 100 * paying / free));
            checked = true;
        }
        assertThat(checked).as("at least one cohort has had 30 days").isTrue();
        assertThat(browser.getPageSource()).contains("Of the members who signed up free in a month");
    }

    @Test
    void the_overview_answers_mrr_from_subscriptions_and_the_newsletter_its_weighted_open_rate() throws Exception {
        browser.get(server.url() + "d/business?range=last90");
        Map<String, Object> d = (Map<String, Object>) ((JavascriptExecutor) browser).executeScript("""
                const t = Array.from(document.querySelectorAll('.tile')).find(s => s.querySelector('h2').textContent === 'MRR (EUR) by month');
                return JSON.parse(t.querySelector('.chart').getAttribute('data-chart'));""");
        List<String> months = (List<String>) d.get("x");
        List<Number> mrr = (List<Number>) ((List<Map<String, Object>>) d.get("series")).get(0).get("data");
        String month = months.get(months.size() - 2); // a whole month: subscriptions running at its end
        double expected = sql("SELECT SUM(CAST(items -> '$.data[0].price.unit_amount' AS DOUBLE)) / 100 FROM stripe.subscriptions "
                + "WHERE start_date < DATE '" + month + "' + INTERVAL 1 MONTH AND COALESCE(ended_at, canceled_at, "
                + "TIMESTAMPTZ '9999-01-01') >= DATE '" + month + "' + INTERVAL 1 MONTH");
        assertThat(mrr.get(months.size() - 2).doubleValue()).isEqualTo(expected);
        assertThat(expected).isPositive();

        browser.get(server.url() + "d/newsletter?range=last30");
        String[] r = range();
        double rate = sql("SELECT 100.0 * SUM(CAST(opens ->> 'unique_opens' AS BIGINT)) / SUM(emails_sent "
                + "- CAST(bounces ->> 'hard_bounces' AS BIGINT) - CAST(bounces ->> 'soft_bounces' AS BIGINT)) "
                + "FROM mailchimp.campaign_reports WHERE emails_sent > 0 AND send_time + INTERVAL 7 DAY <= now() "
                + "AND CAST(send_time AS DATE) BETWEEN '" + r[0] + "' AND '" + r[1] + "'");
        assertThat(browser.findElement(By.cssSelector("[data-tile='0'] .kpi-value")).getText())
                .isEqualTo(String.format(java.util.Locale.ENGLISH, "%.1f%%", rate));
        List<List<String>> sent = cells("Newsletters sent");
        assertThat(sent.get(0).get(5)).as("the newest campaign is still settling").startsWith("settling until");
        assertThat(sent.get(sent.size() - 1).get(5)).isEqualTo("settled");
        assertThat(sent.get(0).get(0).compareTo(sent.get(sent.size() - 1).get(0))).as("newest first").isPositive();
    }
}
