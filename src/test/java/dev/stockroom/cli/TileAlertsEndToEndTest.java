package dev.stockroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tiles with {@code alert:} are checked after each sync and reach a local webhook once per
 * crossing: when a number falls below its threshold or drops against the previous 7 days, and
 * once more when it recovers, never again while nothing changes.
 */
class TileAlertsEndToEndTest {

    @TempDir
    Path dir;

    HttpServer hook;
    final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startWebhook() throws Exception {
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
    }

    @AfterEach
    void stopWebhook() {
        hook.stop(0);
    }

    private List<String> alerts() {
        return received.stream().filter(b -> b.contains("\"event\":\"alert\"")).toList();
    }

    /** 14 days of signups: the 7 days before last week at {@code before} a day, last week at {@code last}. */
    private void export(int before, int last) throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        StringBuilder csv = new StringBuilder("day,signups\n");
        for (int i = 14; i >= 1; i--) {
            csv.append(today.minusDays(i)).append(',').append(i <= 7 ? last : before).append('\n');
        }
        Files.writeString(dir.resolve("exports/daily.csv"), csv);
    }

    private int sync() {
        return Main.run("sync", "--config", dir.resolve("stockroom.yml").toString());
    }

    @Test
    void an_alert_is_sent_once_when_a_number_crosses_and_once_when_it_recovers() throws Exception {
        Files.createDirectories(dir.resolve("exports"));
        Files.createDirectories(dir.resolve("dashboards"));
        Files.writeString(dir.resolve("stockroom.yml"), """
                warehouse: duckdb:warehouse.duckdb
                timezone: UTC
                sources:
                  - name: web
                    type: files
                    streams:
                      - { name: daily, path: exports/daily.csv, primary_key: day }
                notify:
                  - webhook: { url: "http://127.0.0.1:%d/hook" }
                """.formatted(hook.getAddress().getPort()));
        Files.writeString(dir.resolve("dashboards/signups.yml"), """
                title: Signups
                tiles:
                  - title: Signups
                    type: kpi
                    alert: { below: 50 }
                    sql: SELECT day, signups FROM web.daily WHERE day BETWEEN {{start}} AND {{end}} ORDER BY day
                  - title: Signups per day
                    type: line
                    alert: { drop_pct: 20 }
                    sql: |
                      SELECT CAST(date_trunc('week', day) AS DATE) AS week, AVG(signups) AS signups
                      FROM web.daily GROUP BY 1 ORDER BY 1
                """);
        export(10, 10);   // 70 a week, steady: no alert
        assertThat(sync()).isZero();
        assertThat(alerts()).isEmpty();

        export(10, 5);    // 35 last week: below 50, and the weekly average fell by half
        assertThat(sync()).isZero();
        assertThat(alerts()).hasSize(2);
        assertThat(alerts().get(0)).contains("Signups is below 50: 35").contains("the 7 before: 70");
        assertThat(alerts().get(1)).contains("Signups per day dropped").contains("latest complete row");

        assertThat(sync()).isZero();
        assertThat(alerts()).as("still below: not sent again").hasSize(2);

        export(10, 12);   // 84: recovered, and the average rose
        assertThat(sync()).isZero();
        assertThat(alerts()).hasSize(4);
        assertThat(alerts().subList(2, 4)).anySatisfy(a -> assertThat(a).contains("Signups is back to normal")
                .contains("84 over the last 7 days")).anySatisfy(a -> assertThat(a).contains("Signups per day is back"));
    }
}
