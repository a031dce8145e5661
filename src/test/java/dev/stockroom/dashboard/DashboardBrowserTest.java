package dev.stockroom.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The dashboard in a real browser (headless Chromium), against a warehouse loaded by the real pipeline. */
@SuppressWarnings("unchecked")
class DashboardBrowserTest {

    @TempDir
    static Path dir;

    static TestProject project;
    static DashboardServer server;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        project = TestProject.loaded(dir);
        server = DashboardServer.start(project.context(ReadConnections.perRequest(project.dialect),
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

    @BeforeEach
    void clearConsole() {
        browser.manage().logs().get(LogType.BROWSER);
    }

    @AfterEach
    void noConsoleErrors() {
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(errors).as("browser console errors").isEmpty();
    }

    private static String url(String path) {
        return server.url() + path.substring(1);
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** Per chart: the number of data points of each of its ECharts series. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> charts() {
        return (List<Map<String, Object>>) js("""
                return Array.from(document.querySelectorAll('.chart')).map(el => {
                  const c = echarts.getInstanceByDom(el);
                  const o = c ? c.getOption() : null;
                  return {tile: el.closest('.tile').querySelector('h2').textContent, drawn: !!c,
                    series: o ? o.series.map(s => s.name) : [],
                    points: o ? o.series.map(s => s.data.filter(v => v !== null && v !== undefined).length) : []};
                });""");
    }

    static void screenshot(String name) throws Exception {
        Path out = Path.of("target", "screenshots", name + ".png");
        Files.createDirectories(out.getParent());
        Files.write(out, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void the_dashboard_draws_every_chart_with_data() throws Exception {
        browser.get(url("/"));
        assertThat(browser.getCurrentUrl()).endsWith("/d/overview");
        assertThat(browser.findElements(By.cssSelector(".tile"))).hasSize(8);
        assertThat(browser.findElements(By.cssSelector(".tile .error-box"))).isEmpty();
        List<Map<String, Object>> charts = charts();
        assertThat(charts).hasSize(7); // four KPI sparklines, line, area, bar; the table has none
        for (Map<String, Object> chart : charts) {
            assertThat(chart.get("drawn")).as("chart of %s", chart.get("tile")).isEqualTo(true);
            assertThat((List<?>) chart.get("points")).as("series of %s", chart.get("tile")).isNotEmpty();
            assertThat(((Number) ((List<?>) chart.get("points")).get(0)).longValue()).isPositive();
        }
        assertThat(browser.findElements(By.cssSelector(".kpi-value"))).allSatisfy(v ->
                assertThat(v.getText()).matches("[0-9][0-9,.]*"));
        assertThat(browser.findElements(By.cssSelector(".best-days, .tile-table tbody tr"))).hasSize(10);
        screenshot("dashboard");
    }

    @Test
    void days_not_complete_for_a_source_are_marked_and_left_out_of_kpis() throws Exception {
        browser.get(url("/d/overview?range=last7&grain=day"));
        Map<String, Object> traffic = charts().stream().filter(c -> c.get("tile").equals("Traffic")).findFirst()
                .orElseThrow();
        assertThat((List<Object>) traffic.get("series")).contains((Object) "visits (incomplete days)");
        String visits = browser.findElement(By.cssSelector("[data-tile='0']")).getText();
        assertThat(visits).contains("Counted through " + project.today.minusDays(3));
        assertThat(browser.findElement(By.cssSelector("[data-tile='0'] .fresh")).getText())
                .contains("web.daily: complete through " + project.today.minusDays(3));
        screenshot("dashboard-last7-incomplete");
    }

    @Test
    void the_range_compare_and_grain_live_in_the_url() throws Exception {
        browser.get(url("/d/overview"));
        new Select(browser.findElement(By.id("range-select"))).selectByValue("last90");
        waitFor(() -> browser.getCurrentUrl().contains("range=last90"));
        new Select(browser.findElement(By.name("grain"))).selectByValue("week");
        waitFor(() -> browser.getCurrentUrl().contains("grain=week"));
        browser.findElement(By.name("compare")).click();
        waitFor(() -> browser.getCurrentUrl().contains("compare=1"));
        String link = browser.getCurrentUrl();
        browser.get(link);
        Map<String, Object> traffic = charts().stream().filter(c -> c.get("tile").equals("Traffic")).findFirst()
                .orElseThrow();
        assertThat((List<Object>) traffic.get("series")).contains((Object) "visits (previous period)");
        assertThat(((Number) ((List<?>) traffic.get("points")).get(0)).intValue()).isBetween(12, 14);
        assertThat(browser.findElement(By.id("range-select")).getAttribute("value")).isEqualTo("last90");
        screenshot("dashboard-90-days-weekly-compared");

        new Select(browser.findElement(By.id("range-select"))).selectByValue("custom");
        browser.findElement(By.name("start")).sendKeys("01022024"); // typed as the date field's locale expects
        js("document.querySelector('[name=start]').value='2024-02-01';"
                + "document.querySelector('[name=end]').value='2024-02-29';");
        browser.findElement(By.cssSelector("#range-form button")).click();
        waitFor(() -> browser.getCurrentUrl().contains("start=2024-02-01"));
        assertThat(browser.findElement(By.cssSelector(".range-text")).getText()).startsWith("2024-02-01 – 2024-02-29");
    }

    @Test
    void a_table_tile_sorts_and_downloads_as_csv() throws Exception {
        browser.get(url("/d/overview?range=last30"));
        browser.findElement(By.xpath("//section[contains(@class,'tile-table')]//th[text()='visits']")).click();
        browser.findElement(By.xpath("//section[contains(@class,'tile-table')]//th[text()='visits']")).click();
        String csv = fetch(browser.findElement(By.cssSelector(".tile-table a.csv")).getAttribute("href"));
        assertThat(csv).startsWith("day,visits,signups\n");
        assertThat(csv.split("\n")).hasSize(11);
    }

    @Test
    void pipeline_health_and_runs_show_every_stream() throws Exception {
        browser.get(url("/health"));
        String health = browser.findElement(By.tagName("main")).getText();
        assertThat(health).contains("web.daily").contains("shop.orders").contains(project.today.minusDays(3).toString());
        screenshot("health");
        browser.get(url("/runs"));
        assertThat(browser.findElements(By.cssSelector("table.data tbody tr"))).hasSize(2);
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("success");
        screenshot("runs");
    }

    @Test
    void the_explorer_runs_a_query_and_downloads_its_csv() throws Exception {
        browser.get(url("/sql"));
        browser.findElement(By.id("sql-query")).sendKeys("SELECT plan, COUNT(*) AS n FROM shop.orders GROUP BY plan "
                + "ORDER BY plan");
        browser.findElement(By.id("run")).click();
        waitFor(() -> !browser.findElements(By.id("row-count")).isEmpty());
        assertThat(browser.findElement(By.id("row-count")).getText()).isEqualTo("3 rows");
        screenshot("explorer");
        String csv = fetch(browser.findElement(By.id("csv-link")).getAttribute("href"));
        assertThat(csv).startsWith("plan,n\nmonthly,").contains("\nsupporter,").contains("\nyearly,");
    }

    @Test
    void the_explorer_refuses_writes() throws Exception {
        for (String write : List.of("DELETE FROM shop.orders", "CREATE TABLE shop.evil AS SELECT 1 AS x",
                "SELECT 1; DROP TABLE shop.orders", "COPY shop.orders TO '/tmp/stockroom-leak.csv'")) {
            browser.get(url("/sql"));
            browser.findElement(By.id("sql-query")).sendKeys(write);
            browser.findElement(By.id("run")).click();
            waitFor(() -> !browser.findElements(By.id("sql-error")).isEmpty());
            assertThat(browser.findElement(By.id("sql-error")).getText()).as(write).startsWith("Refused");
        }
        screenshot("explorer-refused");
        // Past the guard, the read-only connection itself refuses.
        try (Warehouse w = ReadConnections.perRequest(project.dialect).open()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.execute("DELETE FROM shop.orders"))
                    .hasMessageContaining("read-only");
            try (Statement s = w.connection().createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM shop.orders")) {
                rs.next();
                assertThat(rs.getLong(1)).isPositive();
            }
        }
    }

    @Test
    void a_broken_dashboard_file_shows_its_file_and_line_and_a_fix_shows_at_once() throws Exception {
        Path file = dir.resolve("dashboards/broken.yml");
        Files.writeString(file, "title: Broken\ntiles:\n  - title: Oops\n    type: pie\n    sql: SELECT 1\n");
        try {
            browser.get(url("/d/overview"));
            String error = browser.findElement(By.cssSelector(".error-box")).getText();
            assertThat(error).contains("dashboards/broken.yml:4").contains("pie").contains("kpi, line, area, bar, table");
            screenshot("dashboard-yaml-error");
            Files.writeString(file, "title: Fixed\ntiles:\n  - title: One\n    type: kpi\n    sql: SELECT 1 AS one\n");
            browser.get(url("/d/broken"));
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Fixed");
            assertThat(browser.findElement(By.cssSelector(".kpi-value")).getText()).isEqualTo("1");
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void off_loopback_the_browser_meets_a_login_wall() throws Exception {
        DashboardSettings settings = DashboardSettings.defaults().withAddress("0.0.0.0", 0).withPassword("open sesame");
        try (DashboardServer walled = DashboardServer.start(project.context(
                ReadConnections.perRequest(project.dialect), settings))) {
            String base = "http://127.0.0.1:" + walled.port();
            browser.get(base + "/d/overview?range=last7");
            assertThat(browser.findElements(By.id("login-form"))).hasSize(1);
            screenshot("login");
            browser.findElement(By.id("password")).sendKeys("wrong");
            browser.findElement(By.cssSelector("#login-form button")).click();
            waitFor(() -> !browser.findElements(By.id("login-error")).isEmpty());
            assertThat(browser.findElement(By.id("login-error")).getText()).contains("Wrong password");
            browser.findElement(By.id("password")).sendKeys("open sesame");
            browser.findElement(By.cssSelector("#login-form button")).click();
            waitFor(() -> browser.getCurrentUrl().endsWith("/d/overview?range=last7"));
            assertThat(browser.findElements(By.cssSelector(".kpi-value"))).hasSize(4);
            browser.manage().deleteAllCookies();
        }
        browser.manage().logs().get(LogType.BROWSER); // the 401 answers of the wall log as console errors
    }

    private static String fetch(String href) {
        return (String) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(r => r.text()).then(t => done(t.replaceAll('\\r\\n', '\\n')),"
                        + " e => done('ERROR ' + e));", href);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> condition.getAsBoolean());
    }
}
