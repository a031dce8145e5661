package dev.stockroom.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The owner's keys in dashboard files (filters, links, alerts, labels, digest), their errors, and how they bind. */
class DashboardYamlTest {

    @TempDir
    Path dir;

    private DashboardFiles.Loaded load(String name, String yaml) throws Exception {
        Files.createDirectories(dir.resolve("dashboards"));
        Files.writeString(dir.resolve("dashboards").resolve(name), yaml);
        return new DashboardFiles(dir.resolve("dashboards"), dir.resolve("models")).load();
    }

    @Test
    void filters_links_alerts_labels_and_a_digest_are_read() throws Exception {
        DashboardFiles.Loaded loaded = load("sales.yml", """
                title: Sales
                digest: { cron: "0 8 * * MON", tiles: [Orders] }
                filters:
                  - { name: plan, sql: SELECT DISTINCT plan FROM shop.orders }
                tiles:
                  - title: Orders
                    type: table
                    note: Paid orders.
                    labels: { n: Orders }
                    hide: [plan_id]
                    link: { dashboard: sales, column: plan, filters: { plan: plan } }
                    alert: { below: 10, drop_pct: 25 }
                    sql: SELECT plan, COUNT(*) AS n FROM shop.orders WHERE ({{plan}} IS NULL OR plan = {{plan}}) GROUP BY plan
                """);
        assertThat(loaded.errors()).isEmpty();
        Dashboard d = loaded.dashboards().get(0);
        assertThat(d.filters()).containsExactly(new Dashboard.Filter("plan", "Plan", "SELECT DISTINCT plan FROM shop.orders"));
        assertThat(d.digest()).isEqualTo(new Dashboard.Digest("0 8 * * MON", List.of("Orders")));
        Tile t = d.tiles().get(0);
        assertThat(t.alert()).isEqualTo(new Tile.Alert(10.0, 25.0));
        assertThat(t.link()).isEqualTo(new Tile.Link("sales", "plan", Map.of("plan", "plan")));
        assertThat(t.labels()).containsEntry("n", "Orders");
        assertThat(t.hidden()).containsExactly("plan_id");
        assertThat(t.note()).isEqualTo("Paid orders.");
    }

    @Test
    void a_placeholder_that_is_no_filter_a_reserved_filter_name_and_an_empty_alert_are_errors_with_their_line()
            throws Exception {
        assertThat(load("a.yml", "title: A\ntiles:\n  - title: T\n    type: kpi\n    sql: SELECT {{plan}} AS x\n")
                .errors()).singleElement().asString().contains("dashboards/a.yml:5").contains("{{plan}}")
                .contains("filters:");
        Files.delete(dir.resolve("dashboards/a.yml"));
        assertThat(load("b.yml", "title: B\nfilters:\n  - { name: range, sql: SELECT 1 }\ntiles: []\n").errors())
                .singleElement().asString().contains("dashboards/b.yml:3").contains("range");
        Files.delete(dir.resolve("dashboards/b.yml"));
        assertThat(load("c.yml", "title: C\ntiles:\n  - title: T\n    type: kpi\n    alert: {}\n    sql: SELECT 1 AS x\n")
                .errors()).singleElement().asString().contains("dashboards/c.yml").contains("below: N");
    }

    @Test
    void a_link_to_a_dashboard_that_does_not_exist_is_reported() throws Exception {
        DashboardFiles.Loaded loaded = load("a.yml", """
                title: A
                tiles:
                  - title: T
                    type: table
                    link: { dashboard: nowhere, filters: { x: y } }
                    sql: SELECT 1 AS y
                """);
        assertThat(loaded.errors()).singleElement().asString().contains("links to dashboard 'nowhere'");
    }

    @Test
    void a_filter_value_is_a_parameter_and_never_sql_text() {
        DateRange r = DateRange.fromQuery(Map.of("range", "last7"), LocalDate.of(2024, 5, 15));
        SqlTemplate.Bound b = SqlTemplate.bind("WHERE ({{plan}} IS NULL OR plan = '{{plan}}') AND d >= {{start}}", r,
                Map.of("plan", "x' OR '1'='1"), Set.of("plan"));
        assertThat(b.sql()).isEqualTo("WHERE (? IS NULL OR plan = ?) AND d >= DATE '2024-05-08'");
        assertThat(b.parameters()).containsExactly("x' OR '1'='1", "x' OR '1'='1");
        assertThat(SqlTemplate.bind("WHERE p = {{plan}}", r, Map.of(), Set.of("plan")).parameters())
                .containsExactly((Object) null);
    }

    @Test
    void labels_are_humanised_and_percentages_get_one_decimal() {
        Columns c = new Columns(Map.of("mrr", "MRR"));
        assertThat(c.label("paid_member_views")).isEqualTo("Paid member views");
        assertThat(c.label("open_rate_pct")).isEqualTo("Open rate %");
        assertThat(c.label("mrr")).isEqualTo("MRR");
        assertThat(c.percent("open_rate_pct")).isTrue();
        assertThat(Columns.format(41.2345, true)).isEqualTo("41.2%");
        assertThat(Columns.format(1234567L, false)).isEqualTo("1,234,567");
        assertThat(Columns.format(2169.5, false)).isEqualTo("2,169.5");
    }

    @Test
    void periods_are_incomplete_when_cut_by_the_range_or_past_the_complete_days() {
        LocalDate today = LocalDate.of(2024, 5, 15);
        DateRange r = DateRange.fromQuery(Map.of("range", "last30", "grain", "week"), today); // 04-15 .. 05-14
        QueryResult weeks = new QueryResult(List.of("week", "n"), List.of(
                List.of("2024-04-15", 1), List.of("2024-04-22", 1), List.of("2024-05-06", 1), List.of("2024-05-13", 1)),
                false);
        // Complete through 05-12: the week of 05-06 (to 05-12) is whole, the week of 05-13 is not.
        assertThat(TileData.incomplete(weeks, 0, r, true, Grain.WEEK, LocalDate.of(2024, 5, 12), today))
                .containsExactly(false, false, false, true);
        // Complete only through 05-11: the week of 05-06 lacks its Sunday.
        assertThat(TileData.incomplete(weeks, 0, r, true, Grain.WEEK, LocalDate.of(2024, 5, 11), today))
                .containsExactly(false, false, true, true);
        // A range starting mid-week cuts its first week.
        DateRange midweek = DateRange.fromQuery(Map.of("range", "custom", "start", "2024-04-17", "end", "2024-05-14"), today);
        assertThat(TileData.incomplete(weeks, 0, midweek, true, Grain.WEEK, null, today))
                .containsExactly(true, false, false, true);
        QueryResult months = new QueryResult(List.of("month", "n"), List.of(
                List.of("2024-03-01", 1), List.of("2024-04-01", 1), List.of("2024-05-01", 1)), false);
        assertThat(TileData.incomplete(months, 0, r, false, null, null, today)).containsExactly(false, false, true);
        assertThat(TileData.incomplete(months, 0, r, true, null, null, today)).containsExactly(true, true, true);
    }
}
