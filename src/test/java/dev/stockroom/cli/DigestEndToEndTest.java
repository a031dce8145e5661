package dev.stockroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `stockroom digest` sends a dashboard's chosen tiles as text through the notifiers; crontab schedules it. */
class DigestEndToEndTest {

    @TempDir
    Path dir;

    HttpServer hook;
    final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
        Files.createDirectories(dir.resolve("exports"));
        Files.createDirectories(dir.resolve("dashboards"));
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Europe/Berlin")); // the project's day
        StringBuilder csv = new StringBuilder("day,signups,plan\n");
        for (int i = 14; i >= 1; i--) {
            csv.append(today.minusDays(i)).append(',').append(i <= 7 ? 1500 : 1000).append(',')
                    .append(i % 2 == 0 ? "monthly" : "yearly").append('\n');
        }
        Files.writeString(dir.resolve("exports/daily.csv"), csv);
        Files.writeString(dir.resolve("stockroom.yml"), """
                warehouse: duckdb:warehouse.duckdb
                timezone: Europe/Berlin
                sources:
                  - name: web
                    type: files
                    streams:
                      - { name: daily, path: exports/daily.csv, primary_key: day }
                notify:
                  - webhook: { url: "http://127.0.0.1:%d/hook" }
                """.formatted(hook.getAddress().getPort()));
        Files.writeString(dir.resolve("dashboards/weekly.yml"), """
                title: Weekly
                digest:
                  cron: "0 8 * * MON"
                  tiles: [Signups, By plan]
                tiles:
                  - title: Signups
                    type: kpi
                    sql: SELECT day, signups FROM web.daily WHERE day BETWEEN {{start}} AND {{end}} ORDER BY day
                  - title: Not in the digest
                    type: kpi
                    sql: SELECT day, signups FROM web.daily WHERE day BETWEEN {{start}} AND {{end}} ORDER BY day
                  - title: By plan
                    type: table
                    sql: |
                      SELECT plan, SUM(signups) AS signups FROM web.daily WHERE day BETWEEN {{start}} AND {{end}}
                      GROUP BY plan ORDER BY plan
                """);
        assertThat(Main.run("sync", "--config", dir.resolve("stockroom.yml").toString())).isZero();
        received.clear();
    }

    @AfterEach
    void stop() {
        hook.stop(0);
    }

    @Test
    void the_digest_reaches_the_webhook_as_text_with_the_chosen_tiles() {
        assertThat(Main.run("digest", "--config", dir.resolve("stockroom.yml").toString())).isZero();
        assertThat(received).hasSize(1);
        String body = received.get(0);
        assertThat(body).contains("\"subject\":\"Stockroom weekly: Weekly\"")
                .contains("Signups: 10,500 (▲ 50.0%, from 7,000)")
                .contains("By plan:").contains("monthly · Signups ").contains("yearly · Signups ")
                .doesNotContain("Not in the digest");
    }

    @Test
    void crontab_prints_the_digest_line_in_the_projects_timezone() {
        PrintStream before = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run("crontab", "--config", dir.resolve("stockroom.yml").toString())).isZero();
        } finally {
            System.setOut(before);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("CRON_TZ=Europe/Berlin\n0 8 * * MON cd ").contains(" digest weekly >> ");
    }

    @Test
    void without_a_notifier_the_digest_says_so_instead_of_sending_nowhere() throws Exception {
        Files.writeString(dir.resolve("stockroom.yml"), Files.readString(dir.resolve("stockroom.yml"))
                .replaceAll("(?s)notify:.*", ""));
        assertThat(Main.run("digest", "--config", dir.resolve("stockroom.yml").toString())).isEqualTo(ExitCodes.CONFIG);
    }
}
