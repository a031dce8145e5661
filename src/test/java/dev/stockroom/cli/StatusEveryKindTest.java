package dev.stockroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.demo.DemoBusiness;
import dev.stockroom.demo.DemoProject;
import dev.stockroom.demo.DemoVendors;
import dev.stockroom.source.http.ScriptedServer;
import dev.stockroom.source.http.ScriptedServer.Reply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status} on a project with every source type and every way a stream is incremental (day
 * window with and without a day field, cursor, full), before anything ran and after a sync.
 */
class StatusEveryKindTest {

    @TempDir
    Path dir;

    private static Reply rest(ScriptedServer.Seen request) {
        String day = request.params().getOrDefault("from", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString());
        return switch (request.path()) {
            case "/daily" -> Reply.json("[{\"day\": \"" + day + "\", \"visits\": 3}]");
            case "/daily_nofield" -> Reply.json("[{\"id\": \"" + day + "\", \"visits\": 3}]");
            default -> Reply.json("[{\"id\": 1, \"updated_at\": \"2024-05-01T10:00:00Z\"}]");
        };
    }

    private String project(DemoVendors vendors, ScriptedServer api) throws Exception {
        Map<String, String> env = vendors.environment(dir.toAbsolutePath());
        env.put("DEMO_START_DATE", LocalDate.now(DemoBusiness.TIMEZONE).minusDays(2).toString());
        Path config = DemoProject.write(dir, env);
        Files.writeString(dir.resolve("refunds.csv"), "id,amount\n1,5\n");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("site.duckdb"));
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE members (id INTEGER, updated_at TIMESTAMP)");
            s.execute("INSERT INTO members VALUES (1, TIMESTAMP '2024-05-01 10:00:00')");
        }
        Files.writeString(config, Files.readString(config) + """

                  - name: exports
                    type: files
                    streams:
                      - {name: keyed, path: refunds.csv, primary_key: id}
                      - {name: whole, path: refunds.csv}
                  - name: site
                    type: jdbc
                    url: "duckdb:site.duckdb"
                    streams:
                      - {name: by_cursor, table: members, primary_key: id, cursor: updated_at}
                      - {name: whole, table: members}
                  - name: shop
                    type: rest
                    base_url: "%s"
                    streams:
                      - {name: daily, path: /daily, primary_key: day, write_mode: merge,
                         incremental: {start_param: from, end_param: to, format: yyyy-MM-dd, day_field: day}}
                      - {name: daily_nofield, path: /daily_nofield, primary_key: id,
                         incremental: {start_param: from, end_param: to, format: yyyy-MM-dd}}
                      - {name: by_cursor, path: /items, primary_key: id,
                         incremental: {cursor_field: updated_at, cursor_param: since}}
                      - {name: whole, path: /items, primary_key: id}
                """.formatted(api.url("")));
        return config.toString();
    }

    @Test
    void status_lists_every_stream_kind_before_and_after_a_sync() throws Exception {
        try (DemoVendors vendors = DemoVendors.start(DemoBusiness.standard(), Clock.systemUTC());
             ScriptedServer api = new ScriptedServer((request, n) -> rest(request))) {
            String config = project(vendors, api);
            String before = status(config);
            assertThat(before).contains("No warehouse yet").contains("shop.daily_nofield").contains("ga.pages");

            assertThat(Main.run("sync", "--config", config, "--quiet")).isZero();
            String after = status(config);
            for (String stream : new String[] {"exports.keyed", "exports.whole", "site.by_cursor", "site.whole",
                    "shop.daily", "shop.daily_nofield", "shop.by_cursor", "shop.whole", "ghost.members",
                    "stripe.customers", "mailchimp.members", "kit.subscribers", "ga.pages", "plausible.pages"}) {
                assertThat(after).containsPattern(java.util.regex.Pattern.quote(stream) + " +ok ");
            }
            // Model builds are in stockroom.runs and show like streams.
            assertThat(after).containsPattern("analytics\\.\\w+ +ok ");
        }
    }

    private static String status(String config) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        try {
            assertThat(Main.run("status", "--config", config)).isZero();
        } finally {
            System.setOut(original);
        }
        return out.toString();
    }
}
