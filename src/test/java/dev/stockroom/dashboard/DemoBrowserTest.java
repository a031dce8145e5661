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

    @BeforeAll
    static void loadTheDemo() throws Exception {
        assertThat(Main.run("demo", "--dir", dir.resolve("demo").toString(), "--days", "45", "--no-serve")).isZero();
        StockroomConfig config = ConfigLoader.load(dir.resolve("demo/stockroom.yml"));
        Dialect dialect = Dialect.forUrl(config.warehouse(), config.baseDir(), "512MB");
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
}
