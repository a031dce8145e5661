package dev.stockroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.stockroom.config.ConfigLoader;
import dev.stockroom.config.StockroomConfig;
import dev.stockroom.dashboard.Browsers;
import dev.stockroom.dashboard.DashboardContext;
import dev.stockroom.dashboard.DashboardServer;
import dev.stockroom.dashboard.DashboardSettings;
import dev.stockroom.dashboard.ReadConnections;
import dev.stockroom.notify.Notifiers;
import dev.stockroom.warehouse.Dialect;
import dev.stockroom.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriver;

/**
 * A token from {@code ${SHOP_TOKEN}} that a vendor echoes back JSON-escaped, URL-encoded and inside
 * a base64 Basic header reaches none of the exits: stdout and stderr, {@code stockroom.runs.error},
 * {@code status}, the Runs page in a real browser, and a webhook body received by a local server.
 * The chat id and the port, from the environment too, stay readable.
 */
class SecretsLeaveNowhereTest {

    static final String TOKEN = "sk_live_AbC/dEf+GhI/jKl==";
    static final String CHAT_ID = "-1001234567890";
    static final String HOOK_SECRET = "whsec_HookSigningKey77";

    /** The forms the vendor echoes, and the forms each exit could have written them in. */
    static final String JSON_ESCAPED = "sk_live_AbC\\/dEf+GhI\\/jKl==";
    static final String URL_ENCODED = URLEncoder.encode(TOKEN, StandardCharsets.UTF_8);
    static final String BASIC = Base64.getEncoder().encodeToString(("shop:" + TOKEN).getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;
    private HttpServer vendor;
    private HttpServer hook;
    private final List<String> hookBodies = new CopyOnWriteArrayList<>();
    private final List<String> hookSignatures = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        vendor = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        vendor.createContext("/", exchange -> {
            // Echoes the key in three forms and the chat parameter it was sent, as some APIs do.
            byte[] body = ("{\"error\":{\"message\":\"Invalid API key: " + JSON_ESCAPED + "\",\"echo\":\"" + URL_ENCODED
                    + "\",\"header\":\"Basic " + BASIC + "\",\"request\":\"" + exchange.getRequestURI().getQuery()
                    + "\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        vendor.start();
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/", exchange -> {
            hookBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            hookSignatures.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Stockroom-Signature")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
        Files.writeString(dir.resolve(".env"), "SHOP_TOKEN=" + TOKEN + "\nAPI_PORT=" + vendor.getAddress().getPort()
                + "\nCHAT_ID=" + CHAT_ID + "\nHOOK_SECRET=" + HOOK_SECRET + "\n");
        Files.writeString(dir.resolve("stockroom.yml"), """
                warehouse: duckdb:warehouse.duckdb
                notify:
                  - webhook: { url: "http://127.0.0.1:%d/hook", secret: "${HOOK_SECRET}" }
                sources:
                  - name: shop
                    type: rest
                    base_url: "http://127.0.0.1:${API_PORT}/v1"
                    auth: { type: bearer, token: "${SHOP_TOKEN}" }
                    streams:
                      - { name: orders, path: /orders, params: { chat: "${CHAT_ID}" } }
                """.formatted(hook.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        vendor.stop(0);
        hook.stop(0);
    }

    private String config() {
        return dir.resolve("stockroom.yml").toString();
    }

    private static void assertMasked(String where, String text) {
        AbstractStringAssert<?> that = assertThat(text).as(where + ":\n" + text);
        for (String form : List.of(TOKEN, JSON_ESCAPED, URL_ENCODED, BASIC, "AbC", "GhI", "jKl",
                BASIC.substring(8, 20))) {
            that.doesNotContain(form);
        }
    }

    @Test
    void an_echoed_token_is_masked_in_stdout_runs_status_the_runs_page_and_the_webhook() throws Exception {
        assertThat(Main.run("sync", "--config", config(), "--verbose")).isEqualTo(1);
        String console = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertMasked("sync output", console);
        assertThat(console).contains("401").contains("chat=" + CHAT_ID)
                .contains("127.0.0.1:" + vendor.getAddress().getPort());

        String stored = storedError();
        assertMasked("stockroom.runs.error", stored);
        assertThat(stored).contains("401").contains(CHAT_ID);

        assertThat(hookBodies).hasSize(1);
        assertMasked("webhook body", hookBodies.get(0));
        assertThat(hookBodies.get(0)).contains(CHAT_ID).contains("\"status\":\"failed\"");

        // An error stored before this version, unredacted, is masked where it leaves: status and the page.
        try (Warehouse w = Warehouse.open(dialect()); Statement s = w.connection().createStatement()) {
            s.execute("UPDATE stockroom.runs SET error = error || ' raw: " + JSON_ESCAPED + " " + URL_ENCODED + "'");
        }
        out.reset();
        assertThat(Main.run("status", "--config", config())).isZero();
        String status = out.toString(StandardCharsets.UTF_8);
        assertMasked("status", status);
        assertThat(status).contains("last error").contains(CHAT_ID).contains("raw: ***");

        String page = runsPage();
        assertMasked("Runs page", page);
        assertThat(page).contains("raw: ***").contains(CHAT_ID);
    }

    @Test
    void a_notification_carrying_the_raw_token_is_masked_in_the_body_the_webhook_receives() throws Exception {
        StockroomConfig config = ConfigLoader.load(dir.resolve("stockroom.yml"));
        config.sources().get(0).settings().object("auth").string("token");
        new Notifiers(Notifiers.fromConfig(config.notifiers()))
                .sendText("shop is stale", "the vendor said " + JSON_ESCAPED + " and " + URL_ENCODED);
        assertThat(hookBodies).hasSize(1);
        assertMasked("webhook alert", hookBodies.get(0));
        assertThat(hookBodies.get(0)).contains("the vendor said *** and ***");
        // Signed after masking: the receiver can check the exact bytes it got.
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(HOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(hookSignatures.get(0)).isEqualTo("sha256=" + java.util.HexFormat.of()
                .formatHex(mac.doFinal(hookBodies.get(0).getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void query_output_and_query_errors_are_masked_on_the_console() {
        assertThat(Main.run("sync", "--config", config())).isEqualTo(1); // the warehouse exists after it
        out.reset();
        err.reset();
        assertThat(Main.run("sql", "--config", config(), "--format", "json",
                "SELECT '" + JSON_ESCAPED + "' AS echoed, '" + CHAT_ID + "' AS chat")).isZero();
        assertThat(Main.run("sql", "--config", config(), "--verbose", "SELEC '" + TOKEN + "'")).isEqualTo(1);
        String console = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertMasked("sql output", console);
        assertThat(console).contains("\"echoed\":\"***\"").contains(CHAT_ID).contains("query failed");
    }

    private Dialect dialect() {
        StockroomConfig config = ConfigLoader.load(dir.resolve("stockroom.yml"));
        return Dialect.forUrl(config.warehouse(), config.baseDir(), config.memoryLimit());
    }

    private String storedError() throws Exception {
        try (Warehouse w = Warehouse.openReadOnly(dialect()); Statement s = w.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT error FROM stockroom.runs WHERE stream = 'orders'")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private String runsPage() throws Exception {
        StockroomConfig config = ConfigLoader.load(dir.resolve("stockroom.yml"));
        DashboardSettings settings = DashboardSettings.from(Optional.empty(), n -> null).withAddress("127.0.0.1", 0);
        try (DashboardServer server = DashboardServer.start(DashboardContext.of(config,
                ReadConnections.perRequest(dialect()), settings))) {
            WebDriver browser = Browsers.chromium(dir.resolve("chrome-profile"));
            try {
                browser.get(server.url() + "runs");
                return browser.getPageSource();
            } finally {
                browser.quit();
            }
        }
    }
}
