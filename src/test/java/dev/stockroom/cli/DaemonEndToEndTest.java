package dev.stockroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stockroom.schedule.PrometheusTextParser;
import dev.stockroom.warehouse.StateStore;
import dev.stockroom.warehouse.StateUpdate;
import dev.stockroom.warehouse.Warehouse;
import dev.stockroom.warehouse.duckdb.DuckDbDialect;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The definition of done, as a user would see it: {@code stockroom schedule} in its own
 * JVM with two sources on a one-minute cron and a Telegram-compatible endpoint on this machine.
 * Both sources run once at start (they never ran) and again at the next minute; each run sends
 * one readable message; {@code /metrics} shows both; a stale stream is reported once; SIGTERM
 * stops the daemon with exit code 0 and a consistent warehouse.
 *
 * <p>The stale stream is {@code ledger.feed}: its newest complete day is set ten days back before
 * the start, and its file is broken, so every run fails it and it stays stale.
 */
class DaemonEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RUN_DEADLINE = Duration.ofSeconds(125);
    private static final Pattern LISTENING = Pattern.compile("dashboard on http://127\\.0\\.0\\.1:(\\d+)/");
    private static final Pattern STARTS = Pattern.compile("schedule: (\\w+) starts \\(slot (\\S+)\\)");
    private static final Pattern DONE = Pattern.compile("schedule: (\\w+) done \\(slot (\\S+)\\)");

    @TempDir
    Path dir;

    private HttpServer telegram;
    private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<Line> output = new CopyOnWriteArrayList<>();
    private Process daemon;
    private Path log;

    record Line(Instant at, String text) {
    }

    @BeforeEach
    void fakeTelegram() throws IOException {
        telegram = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        telegram.createContext("/", this::sendMessage);
        telegram.start();
    }

    @AfterEach
    void cleanUp() {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroyForcibly();
        }
        telegram.stop(0);
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void a_daemon_runs_two_sources_every_minute_notifies_each_run_reports_staleness_once_and_stops_on_sigterm()
            throws Exception {
        Path config = writeProject();
        log = dir.resolve("daemon.log");
        makeFeedStale();

        daemon = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.stockroom.cli.Main", "schedule",
                "--config", config.toString(), "--port", "0")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant launched = Instant.now();

        int port = Integer.parseInt(await("the daemon to serve HTTP", launched.plusSeconds(30), () -> {
            for (Line line : output) {
                Matcher m = LISTENING.matcher(line.text());
                if (m.find()) {
                    return m.group(1);
                }
            }
            return null;
        }));
        // The catch-up run at start, then the run of the next minute, for each source.
        await("two runs of each source", launched.plus(RUN_DEADLINE),
                () -> done("shop").size() >= 2 && done("ledger").size() >= 2 ? "yes" : null);

        for (String source : List.of("shop", "ledger")) {
            Instant slot = Instant.parse(done(source).get(1));
            assertThat(slot).as(source + "'s second run is its minute slot")
                    .isEqualTo(slot.truncatedTo(ChronoUnit.MINUTES)).isAfter(launched.minusSeconds(60));
            Instant started = started(source, slot);
            assertThat(Duration.between(slot, started)).as(source + " started on time").isBetween(
                    Duration.ofSeconds(-1), Duration.ofSeconds(15));
        }

        assertThat(get(port, "/health").body()).as("the daemon serves the dashboard too").contains("shop.orders");
        HttpResponse<String> health = get(port, "/healthz");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).startsWith("ok");
        HttpResponse<String> scraped = get(port, "/metrics");
        assertThat(scraped.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        PrometheusTextParser metrics = PrometheusTextParser.parse(scraped.body());
        assertThat(metrics.value("stockroom_rows_written_total", labels("shop", "orders"))).isEqualTo(3);
        assertThat(metrics.value("stockroom_rows_written_total", labels("ledger", "entries"))).isEqualTo(2);
        assertThat(metrics.value("stockroom_run_failures_total", labels("ledger", "feed"))).isGreaterThanOrEqualTo(2);
        assertThat(metrics.value("stockroom_stream_stale", labels("ledger", "feed"))).isEqualTo(1);
        assertThat(metrics.value("stockroom_stream_stale", labels("shop", "orders"))).isEqualTo(0);

        Instant stopping = Instant.now();
        daemon.destroy(); // SIGTERM
        assertThat(daemon.waitFor(20, TimeUnit.SECONDS)).as("the daemon exits after SIGTERM").isTrue();
        readOutput();
        assertThat(daemon.exitValue()).as("exit code after SIGTERM; output:%n%s", transcript()).isZero();
        assertThat(Duration.between(stopping, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(transcript()).contains("SIGTERM received").contains("schedule: stopped");

        Map<String, Long> runs = new HashMap<>();
        try (Warehouse w = Warehouse.openReadOnly(dialect()); Statement s = w.connection().createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM stockroom.runs WHERE status = 'running'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("runs left 'running'").isZero();
            }
            try (ResultSet rs = s.executeQuery("SELECT source, COUNT(DISTINCT run_id) FROM stockroom.runs "
                    + "GROUP BY source")) {
                while (rs.next()) {
                    runs.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        assertThat(runs.get("shop")).isGreaterThanOrEqualTo(2);
        assertThat(runs.get("ledger")).isGreaterThanOrEqualTo(2);

        assertThat(paths).allMatch(p -> p.equals("/bot123456:TEST-token/sendMessage"));
        assertThat(messages).allSatisfy(m -> {
            assertThat(m.path("chat_id").asLong()).isEqualTo(42);
            assertThat(m.path("parse_mode").asText()).isEqualTo("HTML");
        });
        List<String> texts = messages.stream().map(m -> m.path("text").asText()).toList();
        List<String> stale = texts.stream().filter(t -> t.contains(" is stale")).toList();
        assertThat(stale).as("one alert for the stale episode, however many runs").hasSize(1);
        assertThat(stale.get(0)).contains("ledger.feed").contains("no complete day since");
        assertThat(texts).noneMatch(t -> t.contains("recovered"));

        List<String> shop = texts.stream().filter(t -> t.contains("shop.orders")).toList();
        List<String> ledger = texts.stream().filter(t -> t.contains("ledger.entries")).toList();
        assertThat(shop).as("one message per run of shop").hasSize(Math.toIntExact(runs.get("shop")));
        assertThat(ledger).as("one message per run of ledger").hasSize(Math.toIntExact(runs.get("ledger")));
        assertThat(texts).hasSize(shop.size() + ledger.size() + stale.size());

        assertThat(shop.get(0)).startsWith("<b>Stockroom: 1 stream OK — 3 rows</b>").contains("✅ shop.orders — 3 rows");
        assertThat(shop.get(1)).contains("✅ shop.orders — 0 rows");
        assertThat(ledger.get(0)).startsWith("<b>Stockroom: 1 stream OK, 1 failed — 2 rows</b>")
                .contains("❌ ledger.feed — failed").contains("✅ ledger.entries — 2 rows")
                .contains("error: cannot read ledger/feed.json").contains("needs you");
        for (String text : texts) {
            assertThat(text.replace("<b>", "").replace("</b>", ""))
                    .as("escaped for Telegram's HTML mode: %s", text).doesNotContain("<").doesNotContain(">");
        }
        assertThat(ledger.get(0)).as("the broken file's '<' arrives escaped").contains("&lt;");
    }

    private Path writeProject() throws IOException {
        Files.createDirectories(dir.resolve("shop"));
        Files.createDirectories(dir.resolve("ledger"));
        Files.writeString(dir.resolve("shop/orders.csv"), "order_id,amount\n1,10.50\n2,20\n3,30\n");
        Files.writeString(dir.resolve("ledger/entries.csv"), "entry_id,account\n1,cash\n2,bank\n");
        Files.writeString(dir.resolve("ledger/feed.json"), "<html>502 Bad Gateway</html>\n");
        Path config = dir.resolve("stockroom.yml");
        Files.writeString(config, """
                warehouse: duckdb:warehouse.duckdb
                schedule: "* * * * *"
                notify:
                  - telegram: {token: "123456:TEST-token", chat_id: "42", api_base: "http://127.0.0.1:%d"}
                sources:
                  - name: shop
                    type: files
                    streams:
                      - {name: orders, path: "shop/orders.csv", primary_key: order_id}
                  - name: ledger
                    type: files
                    streams:
                      - {name: entries, path: "ledger/entries.csv", primary_key: entry_id}
                      - {name: feed, path: "ledger/feed.json", primary_key: id}
                """.formatted(telegram.getAddress().getPort()));
        return config;
    }

    /** As if the feed last loaded ten days ago: older than the default stale_after (2 days) allows. */
    private void makeFeedStale() throws Exception {
        try (Warehouse w = Warehouse.open(dialect())) {
            new StateStore(w).save(new StateUpdate("ledger", "feed", null,
                    LocalDate.now(ZoneOffset.UTC).minusDays(10)));
        }
    }

    private DuckDbDialect dialect() {
        return new DuckDbDialect(dir.resolve("warehouse.duckdb"), "256MB");
    }

    private void sendMessage(HttpExchange exchange) throws IOException {
        try (exchange) {
            paths.add(exchange.getRequestURI().getPath());
            messages.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            byte[] ok = "{\"ok\":true,\"result\":{\"message_id\":1}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
        }
    }

    /** Takes in the complete lines the daemon wrote since the last call, stamped with the time they are seen. */
    private void readOutput() throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        String[] lines = text.substring(0, text.lastIndexOf('\n') + 1).split("\n", -1);
        Instant now = Instant.now();
        for (int i = output.size(); i < lines.length - 1; i++) {
            output.add(new Line(now, lines[i]));
        }
    }

    /** The slots of the source's finished runs, in order. */
    private List<String> done(String source) {
        return output.stream().map(l -> DONE.matcher(l.text())).filter(Matcher::find)
                .filter(m -> m.group(1).equals(source)).map(m -> m.group(2)).toList();
    }

    /** When the run of this slot began, by the daemon's log line. */
    private Instant started(String source, Instant slot) {
        for (Line line : output) {
            Matcher m = STARTS.matcher(line.text());
            if (m.find() && m.group(1).equals(source) && Instant.parse(m.group(2)).equals(slot)) {
                return line.at();
            }
        }
        throw new AssertionError("no start of " + source + " for " + slot + " in:\n" + transcript());
    }

    private interface Probe {
        String get() throws Exception;
    }

    private String await(String what, Instant deadline, Probe probe) throws Exception {
        while (Instant.now().isBefore(deadline)) {
            readOutput();
            String found = probe.get();
            if (found != null) {
                return found;
            }
            if (!daemon.isAlive()) {
                throw new AssertionError("the daemon exited with " + daemon.exitValue() + " while waiting for " + what
                        + ":\n" + transcript());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what + ":\n" + transcript());
    }

    private String transcript() {
        StringBuilder out = new StringBuilder();
        output.forEach(l -> out.append(l.at()).append("  ").append(l.text()).append('\n'));
        return out.toString();
    }

    private static Map<String, String> labels(String source, String stream) {
        return Map.of("source", source, "stream", stream);
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
