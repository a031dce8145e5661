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

    /** A dashboard with a filter, and one that drills down into it; both sort after "overview". */
    static final String PLANS = """
            title: Plans
            filters:
              - name: plan
                sql: SELECT DISTINCT plan FROM shop.orders ORDER BY plan
            tiles:
              - title: Orders of the plan
                type: table
                sql: |
                  SELECT plan, COUNT(*) AS orders, SUM(amount) AS revenue FROM shop.orders
                  WHERE ({{plan}} IS NULL OR plan = {{plan}}) GROUP BY plan ORDER BY plan
              - title: Revenue by month
                type: line
                sql: |
                  SELECT CAST(date_trunc('month', day) AS DATE) AS month, SUM(amount) AS revenue FROM shop.orders
                  WHERE ({{plan}} IS NULL OR plan = {{plan}}) GROUP BY 1 ORDER BY 1
            """;
    static final String PLAN_LIST = """
            title: Plan list
            tiles:
              - title: Plans
                type: table
                labels: { plan: Plan name }
                link: { dashboard: plans, column: plan, filters: { plan: plan } }
                sql: SELECT plan, COUNT(*) AS orders FROM shop.orders GROUP BY plan ORDER BY orders DESC
              - title: Orders per plan
                type: bar
                link: { dashboard: plans, filters: { plan: plan } }
                sql: SELECT plan, COUNT(*) AS orders FROM shop.orders GROUP BY plan ORDER BY plan
            """;

    @BeforeAll
    static void start() throws Exception {
        project = TestProject.loaded(dir);
        Files.writeString(dir.resolve("dashboards/plans.yml"), PLANS);
        Files.writeString(dir.resolve("dashboards/plan-list.yml"), PLAN_LIST);
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
        assertThat((List<Object>) traffic.get("series")).contains((Object) "Visits (incomplete)");
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
        assertThat((List<Object>) traffic.get("series")).contains((Object) "Visits (previous period)");
        // 13 or 14 weeks, of which the first (cut by the range) and the last (not complete) are left to the dashed line.
        assertThat(((Number) ((List<?>) traffic.get("points")).get(0)).intValue()).isBetween(11, 13);
        assertThat((List<?>) chartData("Traffic").get("x")).hasSizeBetween(13, 14);
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
        browser.findElement(By.xpath("//section[contains(@class,'tile-table')]//th[text()='Visits']")).click();
        browser.findElement(By.xpath("//section[contains(@class,'tile-table')]//th[text()='Visits']")).click();
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
    void the_explorer_runs_a_query_from_its_form_and_downloads_its_csv() throws Exception {
        browser.get(url("/sql"));
        browser.findElement(By.id("sql-query")).sendKeys("SELECT plan, COUNT(*) AS n FROM shop.orders GROUP BY plan "
                + "ORDER BY plan");
        browser.findElement(By.id("run")).click();
        waitFor(() -> !browser.findElements(By.id("row-count")).isEmpty());
        assertThat(browser.findElement(By.id("row-count")).getText()).isEqualTo("3 rows");
        screenshot("explorer");
        Path file = Browsers.downloads(dir.resolve("chrome-profile")).resolve("query.csv");
        Files.deleteIfExists(file);
        browser.findElement(By.id("csv-download")).click();
        waitFor(() -> Files.exists(file));
        String csv = Files.readString(file).replace("\r\n", "\n");
        assertThat(csv).startsWith("plan,n\nmonthly,").contains("\nsupporter,").contains("\nyearly,");
    }

    @Test
    void a_link_into_the_explorer_fills_the_box_and_runs_only_when_asked() throws Exception {
        browser.get(url("/sql?q=" + ExplorerClient.enc("SELECT COUNT(*) AS n FROM shop.orders")));
        assertThat(browser.findElement(By.id("sql-query")).getAttribute("value"))
                .isEqualTo("SELECT COUNT(*) AS n FROM shop.orders");
        assertThat(browser.findElement(By.id("not-run")).getText()).contains("has not run");
        assertThat(browser.findElements(By.id("row-count"))).isEmpty();
        browser.findElement(By.id("run")).click();
        waitFor(() -> !browser.findElements(By.id("row-count")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("table.data td")).getText()).isEqualTo("241");
        browser.findElement(By.xpath("//a[@class='table-query']/code[text()='web.daily']")).click();
        waitFor(() -> !browser.findElements(By.id("row-count")).isEmpty()
                && browser.findElement(By.id("row-count")).getText().equals("100 rows"));
        assertThat(browser.findElement(By.id("sql-query")).getAttribute("value"))
                .isEqualTo("SELECT * FROM web.daily LIMIT 100");
    }

    @Test
    void a_page_on_another_origin_cannot_make_the_explorer_run_a_query() throws Exception {
        String target = url("/sql");
        String marker = "SELECT 'ran' || '-marker' AS x";
        String attack = "<!DOCTYPE html><title>Cute cats</title>"
                + "<img src=\"" + target + "?q=" + ExplorerClient.enc(marker) + "\">"
                + "<form id=\"f\" method=\"post\" action=\"" + target + "\">"
                + "<input name=\"q\" value=\"" + marker.replace("'", "&#39;") + "\">"
                + "<input name=\"csrf\" value=\"guessed\"></form>"
                + "<script>setTimeout(function () { document.getElementById('f').submit(); }, 100);</script>";
        com.sun.net.httpserver.HttpServer other = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/cats.html", exchange -> {
            byte[] body = attack.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (exchange; var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        other.start();
        try {
            // Another site (localhost is not 127.0.0.1's site), then the same host on another port (same-site).
            for (String origin : List.of("http://localhost:", "http://127.0.0.1:")) {
                browser.get(origin + other.getAddress().getPort() + "/cats.html");
                waitFor(() -> browser.getCurrentUrl().equals(target));
                String answer = browser.findElement(By.tagName("body")).getText();
                assertThat(answer).as(origin).startsWith("Refused:").contains("another site")
                        .doesNotContain("ran-marker");
            }
        } finally {
            other.stop(0);
        }
        browser.manage().logs().get(LogType.BROWSER); // the refusals log as console errors
    }

    @Test
    void a_name_rebound_to_loopback_is_refused() {
        browser.get("http://" + Browsers.REBOUND_NAME + ":" + server.port() + "/sql");
        String answer = browser.findElement(By.tagName("body")).getText();
        assertThat(answer).startsWith("Refused:").contains("DNS rebinding").contains("dashboard.allowed_hosts");
        assertThat(browser.findElements(By.id("sql-form"))).isEmpty();
        browser.manage().logs().get(LogType.BROWSER);
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

    /** The chart data of a tile as the page sent it (x labels, incomplete flags, series). */
    private static Map<String, Object> chartData(String tile) {
        return (Map<String, Object>) js("""
                const t = Array.from(document.querySelectorAll('.tile')).find(s => s.querySelector('h2').textContent === arguments[0]);
                return JSON.parse(t.querySelector('.chart').getAttribute('data-chart'));""", tile);
    }

    /** The drawn value of the first (solid) series at each x: null where the chart leaves it to the dashed one. */
    private static List<Object> solid(String tile) {
        return (List<Object>) js("""
                const t = Array.from(document.querySelectorAll('.tile')).find(s => s.querySelector('h2').textContent === arguments[0]);
                return echarts.getInstanceByDom(t.querySelector('.chart')).getOption().series[0].data;""", tile);
    }

    @Test
    void every_grain_marks_partial_first_and_last_periods_as_incomplete_not_as_a_drop() throws Exception {
        java.time.LocalDate today = project.today;
        java.time.LocalDate start = today.minusDays(90);
        java.time.LocalDate complete = today.minusDays(3);
        for (String grain : List.of("day", "week", "month")) {
            browser.get(url("/d/overview?range=last90&grain=" + grain));
            Map<String, Object> d = chartData("Traffic");
            List<String> x = (List<String>) d.get("x");
            List<Boolean> incomplete = (List<Boolean>) d.get("incomplete");
            List<Object> drawn = solid("Traffic");
            for (int i = 0; i < x.size(); i++) {
                java.time.LocalDate first = java.time.LocalDate.parse(x.get(i).substring(0, 10));
                java.time.LocalDate last = switch (grain) {
                    case "day" -> first;
                    case "week" -> first.plusDays(6);
                    default -> first.withDayOfMonth(first.lengthOfMonth());
                };
                boolean expected = first.isBefore(start) || last.isAfter(complete);
                assertThat(incomplete.get(i)).as("%s period %s", grain, first).isEqualTo(expected);
                assertThat(drawn.get(i) == null).as("%s period %s drawn solid", grain, first).isEqualTo(expected);
            }
            assertThat(incomplete.get(incomplete.size() - 1)).as(grain + ": the period with the last days").isTrue();
            if (!grain.equals("day")) {
                assertThat(incomplete.get(0)).as(grain + ": the period the range cuts at its start")
                        .isEqualTo(!x.get(0).startsWith(start.toString()));
            }
            assertThat((List<Object>) charts().stream().filter(c -> c.get("tile").equals("Traffic")).findFirst()
                    .orElseThrow().get("series")).contains((Object) "Visits (incomplete)");
            screenshot("dashboard-incomplete-" + grain);
        }
        // A monthly model on an all-time tile: the current month is incomplete, the months before are not.
        browser.get(url("/d/plans"));
        Map<String, Object> months = chartData("Revenue by month");
        List<Boolean> flags = (List<Boolean>) months.get("incomplete");
        assertThat(flags.get(flags.size() - 1)).isTrue();
        assertThat(flags.subList(0, flags.size() - 1)).containsOnly(false);
        assertThat(browser.findElement(By.cssSelector("[data-tile='1'] .all-time")).getText()).isEqualTo("All time");
    }

    @Test
    void a_tooltip_shows_formatted_values_with_no_console_errors_under_the_strict_csp() throws Exception {
        browser.get(url("/d/overview?range=last30&grain=day"));
        browser.manage().logs().get(LogType.BROWSER);
        org.openqa.selenium.WebElement chart = browser.findElement(By.cssSelector("[data-tile='4'] .chart"));
        new org.openqa.selenium.interactions.Actions(browser).moveToElement(chart, -40, 20).pause(300)
                .moveToElement(chart, 10, 30).pause(300).perform();
        waitFor(() -> Boolean.TRUE.equals(js("""
                const c = echarts.getInstanceByDom(document.querySelector("[data-tile='4'] .chart"));
                const v = c._componentsViews.find(v => v && v.type === 'tooltip');
                return !!(v && v._tooltipContent && v._tooltipContent._show);""")));
        String text = (String) js("""
                const c = echarts.getInstanceByDom(document.querySelector("[data-tile='4'] .chart"));
                const v = c._componentsViews.find(v => v && v.type === 'tooltip');
                return v._tooltipContent.el.style.text;""");
        assertThat(text).matches("(?s)\\d{4}-\\d{2}-\\d{2}.*\nVisits: [0-9,]+\nSignups: [0-9,]+.*");
        List<LogEntry> logs = browser.manage().logs().get(LogType.BROWSER).getAll();
        assertThat(logs).as("console while hovering").noneMatch(e -> e.getLevel().intValue() >= Level.WARNING.intValue());
        assertThat(browser.findElements(By.cssSelector("[data-tile='4'] .chart div[style*=position]")).stream()
                .filter(e -> e.getText().contains("Visits")).toList()).as("no HTML tooltip").isEmpty();
    }

    @Test
    void a_filter_lives_in_the_url_and_reaches_the_query_as_a_bound_value() throws Exception {
        browser.get(url("/d/plans?range=last30"));
        assertThat(browser.findElements(By.cssSelector(".tile-table tbody tr"))).hasSize(3);
        new Select(browser.findElement(By.name("plan"))).selectByValue("yearly");
        waitFor(() -> browser.getCurrentUrl().contains("plan=yearly"));
        assertThat(browser.getCurrentUrl()).contains("range=last30");
        List<org.openqa.selenium.WebElement> rows = browser.findElements(By.cssSelector(".tile-table tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).startsWith("yearly");
        browser.get(browser.getCurrentUrl());
        assertThat(new Select(browser.findElement(By.name("plan"))).getFirstSelectedOption().getText()).isEqualTo("yearly");
        String csv = fetch(browser.findElement(By.cssSelector(".tile-table a.csv")).getAttribute("href"));
        assertThat(csv.split("\n")).hasSize(2);
        // Text that would change the SQL were it spliced is only a value that matches no plan.
        browser.get(url("/d/plans?plan=" + java.net.URLEncoder.encode("x' OR '1'='1", java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(browser.findElements(By.cssSelector(".tile .error-box"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector(".tile-table tbody tr"))).isEmpty();
        new Select(browser.findElement(By.name("plan"))).selectByValue("");
        waitFor(() -> !browser.getCurrentUrl().contains("plan="));
        assertThat(browser.findElements(By.cssSelector(".tile-table tbody tr"))).hasSize(3);
    }

    @Test
    void a_click_on_a_row_or_a_bar_drills_down_to_the_linked_dashboard_with_its_values() throws Exception {
        browser.get(url("/d/plan-list?range=last90&grain=week"));
        assertThat(browser.findElement(By.cssSelector(".tile-table th")).getText()).isEqualTo("Plan name");
        browser.findElement(By.xpath("//a[contains(@class,'drill') and text()='monthly']")).click();
        waitFor(() -> browser.getCurrentUrl().contains("/d/plans?"));
        assertThat(browser.getCurrentUrl()).contains("range=last90").contains("grain=week").contains("plan=monthly");
        assertThat(browser.findElements(By.cssSelector(".tile-table tbody tr"))).hasSize(1);
        assertThat(browser.findElement(By.cssSelector(".tile-table tbody tr")).getText()).startsWith("monthly");

        browser.get(url("/d/plan-list?range=last90"));
        // The bar chart's third bar (plans sorted: monthly, supporter, yearly) opens the yearly plan.
        js("const c = echarts.getInstanceByDom(document.querySelector(\"[data-tile='1'] .chart\"));"
                + "c.trigger('click', {dataIndex: 2, componentType: 'series'});");
        waitFor(() -> browser.getCurrentUrl().contains("plan=yearly"));
        assertThat(browser.findElement(By.cssSelector(".tile-table tbody tr")).getText()).startsWith("yearly");
    }

    @Test
    void at_390_pixels_every_page_is_in_reach_without_sideways_scrolling() throws Exception {
        org.openqa.selenium.Dimension before = browser.manage().window().getSize();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            browser.get(url("/d/overview?range=last30"));
            Map<String, Object> layout = (Map<String, Object>) js("""
                    const w = document.documentElement.clientWidth;
                    const links = Array.from(document.querySelectorAll('header.top nav a'));
                    return {width: w, scroll: document.documentElement.scrollWidth, links: links.length,
                      outside: links.filter(a => { const r = a.getBoundingClientRect(); return r.left < 0 || r.right > w; })
                        .map(a => a.textContent),
                      tiles: Array.from(document.querySelectorAll('.tile')).filter(t => t.getBoundingClientRect().right > w).length};""");
            assertThat(((Number) layout.get("links")).intValue()).isEqualTo(6);
            assertThat((List<Object>) layout.get("outside")).as("nav links cut off").isEmpty();
            assertThat(((Number) layout.get("scroll")).intValue()).isLessThanOrEqualTo(((Number) layout.get("width")).intValue());
            assertThat(((Number) layout.get("tiles")).intValue()).isZero();
            screenshot("dashboard-390px");
            browser.findElement(By.linkText("Plans")).click();
            waitFor(() -> browser.getCurrentUrl().endsWith("/d/plans"));
        } finally {
            browser.manage().window().setSize(before);
        }
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
