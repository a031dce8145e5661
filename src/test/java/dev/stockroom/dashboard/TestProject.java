package dev.stockroom.dashboard;

import dev.stockroom.config.ConfigLoader;
import dev.stockroom.config.StockroomConfig;
import dev.stockroom.models.ModelBuilder;
import dev.stockroom.pipeline.RunListener;
import dev.stockroom.pipeline.RunSummary;
import dev.stockroom.pipeline.Sync;
import dev.stockroom.pipeline.SyncOptions;
import dev.stockroom.warehouse.Dialect;
import dev.stockroom.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A small newsletter project written to a folder and loaded through the real pipeline: daily
 * web traffic for the last 120 days and orders, a model, and a dashboard using every tile type.
 */
final class TestProject {

    static final String DASHBOARD = """
            title: Overview
            tiles:
              - title: Visits
                type: kpi
                sql: SELECT day, visits FROM web.daily WHERE day BETWEEN {{start}} AND {{end}} ORDER BY day
              - title: Signups
                type: kpi
                sql: SELECT day, signups FROM web.daily WHERE day BETWEEN {{start}} AND {{end}} ORDER BY day
              - title: Open rate
                type: kpi
                aggregate: avg
                sql: SELECT day, open_rate FROM web.daily WHERE day BETWEEN '{{start}}' AND '{{end}}' ORDER BY day
              - title: Revenue
                type: kpi
                sql: |
                  SELECT day, revenue FROM analytics.revenue_by_day
                  WHERE day BETWEEN {{start}} AND {{end}} ORDER BY day
              - title: Traffic
                type: line
                sql: |
                  SELECT date_trunc({{grain}}, day) AS day, SUM(visits) AS visits, SUM(signups) AS signups
                  FROM web.daily WHERE day BETWEEN {{start}} AND {{end}}
                  GROUP BY 1 ORDER BY 1
              - title: Revenue, all time
                type: area
                model: revenue_by_day
              - title: Orders by plan
                type: bar
                sql: SELECT plan, COUNT(*) AS orders FROM shop.orders GROUP BY plan ORDER BY plan
              - title: Best days
                type: table
                sql: |
                  SELECT day, visits, signups FROM web.daily
                  WHERE day BETWEEN {{start}} AND {{end}} ORDER BY visits DESC LIMIT 10
            """;

    final Path dir;
    final StockroomConfig config;
    final Dialect dialect;
    final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    private TestProject(Path dir) {
        this.dir = dir;
        this.config = ConfigLoader.load(dir.resolve("stockroom.yml"));
        this.dialect = Dialect.forUrl(config.warehouse(), config.baseDir(), config.memoryLimit());
    }

    /** Writes the project and loads it: sync, then models. */
    static TestProject loaded(Path dir) throws Exception {
        write(dir);
        TestProject p = new TestProject(dir);
        try (Warehouse w = Warehouse.open(p.dialect)) {
            RunSummary summary = new Sync(p.config, w, Clock.systemUTC(), new RunListener() { }, 100_000)
                    .run(SyncOptions.incremental());
            if (!summary.succeeded()) {
                throw new IllegalStateException("test project did not load: " + summary.results());
            }
            new ModelBuilder(w, dir.resolve("models"), Clock.systemUTC()).buildAll().forEach(r -> {
                if (r.failed()) {
                    throw new IllegalStateException(r.error());
                }
            });
            // Files carry no newest complete day; pretend web traffic is complete up to three days ago.
            w.execute("UPDATE stockroom.state SET newest_complete_day = DATE '" + p.today.minusDays(3)
                    + "' WHERE source = 'web'");
        }
        return p;
    }

    DashboardContext context(ReadConnections reads, DashboardSettings settings) {
        return new DashboardContext(config, reads, settings, dir.resolve("dashboards"), dir.resolve("models"),
                Clock.systemUTC());
    }

    private static void write(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("exports"));
        Files.createDirectories(dir.resolve("models"));
        Files.createDirectories(dir.resolve("dashboards"));
        Files.writeString(dir.resolve("stockroom.yml"), """
                warehouse: duckdb:warehouse.duckdb
                timezone: UTC
                sources:
                  - name: web
                    type: files
                    streams:
                      - { name: daily, path: exports/daily.csv, primary_key: day }
                  - name: shop
                    type: files
                    streams:
                      - { name: orders, path: exports/orders.csv, primary_key: id }
                """);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        StringBuilder daily = new StringBuilder("day,visits,signups,open_rate\n");
        StringBuilder orders = new StringBuilder("id,day,plan,amount\n");
        int id = 1;
        for (int i = 120; i >= 0; i--) {
            LocalDate day = today.minusDays(i);
            int visits = 800 + (i * 37) % 400 + (day.getDayOfWeek().getValue() >= 6 ? -250 : 0);
            // The last days are partial in the vendor's export: what the dashboard must not show as a drop.
            if (i <= 2) {
                visits = visits / (4 - i);
            }
            daily.append(day).append(',').append(visits).append(',').append(visits / 40 + i % 5).append(',')
                    .append(String.format(java.util.Locale.ROOT, "%.3f", 0.35 + (i % 9) / 100.0)).append('\n');
            for (int k = 0; k < 1 + i % 3; k++) {
                String plan = (id % 3 == 0) ? "yearly" : (id % 2 == 0 ? "monthly" : "supporter");
                orders.append(id).append(',').append(day).append(',').append(plan).append(',')
                        .append(plan.equals("yearly") ? 90 : plan.equals("monthly") ? 9 : 25).append('\n');
                id++;
            }
        }
        Files.writeString(dir.resolve("exports/daily.csv"), daily);
        Files.writeString(dir.resolve("exports/orders.csv"), orders);
        Files.writeString(dir.resolve("models/revenue_by_day.sql"), """
                -- Revenue per day from the shop's orders.
                SELECT day, SUM(amount) AS revenue, COUNT(*) AS orders
                FROM shop.orders
                GROUP BY day
                ORDER BY day
                """);
        Files.writeString(dir.resolve("dashboards/overview.yml"), DASHBOARD);
    }
}
