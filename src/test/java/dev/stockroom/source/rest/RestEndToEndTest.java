package dev.stockroom.source.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.cli.Main;
import dev.stockroom.source.http.ScriptedServer;
import dev.stockroom.source.http.ScriptedServer.Reply;
import dev.stockroom.testing.TestDatabases;
import dev.stockroom.warehouse.Dialect;
import dev.stockroom.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A `rest` source described only in YAML, against a local API that pages, rate-limits, fails
 * now and then and repeats a record across pages: loaded completely and exactly once, on DuckDB and
 * PostgreSQL; a malformed page fails its stream alone, without a secret in any output.
 */
class RestEndToEndTest {

    static final String TOKEN = "sk_live_TOPSECRET_9f8e7d";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;
    private ScriptedServer api;
    private final AtomicInteger orderPage2 = new AtomicInteger();

    @BeforeEach
    void startApi() throws Exception {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(out, true));
        api = new ScriptedServer((request, n) -> {
            if (!("Bearer " + TOKEN).equals(request.header("Authorization"))) {
                return Reply.status(401, "{\"error\":\"bad token " + request.header("Authorization") + "\"}");
            }
            String cursor = request.params().getOrDefault("cursor", "");
            return switch (request.path() + "?" + cursor) {
                case "/v1/orders?" -> Reply.json(orders(1, 2, 3, "p2"));
                case "/v1/orders?p2" -> switch (orderPage2.incrementAndGet()) {
                    case 1 -> Reply.status(429, "{\"error\":\"slow down\"}").header("Retry-After", "1");
                    case 2 -> Reply.status(503, "{\"error\":\"maintenance\"}");
                    default -> Reply.json(orders(3, 4, 5, "p3"));
                };
                case "/v1/orders?p3" -> Reply.json(orders(6, 7, 0, null));
                case "/v1/refunds?" -> Reply.json("{\"data\":[{\"id\":\"r1\",\"amount\":100}],\"next\":\"p2\"}");
                case "/v1/refunds?p2" -> Reply.json("{\"data\":[{\"id\":\"r2\",\"amount\":");
                case "/v1/customers?" -> Reply.json("{\"data\":[{\"id\":\"c1\",\"email\":\"ann@example.com\"}],\"next\":null}");
                default -> Reply.status(404, "{\"error\":\"no route\"}");
            };
        });
    }

    @AfterEach
    void stop() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        api.close();
    }

    /** A page of orders with the given ids (0 = none), and the next cursor. */
    static String orders(int a, int b, int c, String next) {
        List<String> records = new ArrayList<>();
        for (int id : new int[] {a, b, c}) {
            if (id > 0) {
                records.add("{\"id\":" + id + ",\"total\":" + (id * 10) + ".5,\"customer\":{\"email\":\"c" + id
                        + "@example.com\"},\"updated_at\":\"2024-06-0" + id + "T10:00:00Z\"}");
            }
        }
        return "{\"data\":[" + String.join(",", records) + "],\"next\":" + (next == null ? "null" : "\"" + next + "\"") + "}";
    }

    private Path config(String warehouse) throws Exception {
        Files.writeString(dir.resolve(".env"), "SHOP_TOKEN=" + TOKEN + "\n");
        String stream = """
                      - name: %s
                        path: /%s
                        records: "$.data"
                        primary_key: id
                        paginate: { type: cursor, cursor_path: "$.next", param: cursor }
                """;
        String yaml = "warehouse: \"" + warehouse + "\"\n"
                + "sources:\n"
                + "  - name: shop\n"
                + "    type: rest\n"
                + "    base_url: \"" + api.url("/v1") + "\"\n"
                + "    auth: { type: bearer, token: \"${SHOP_TOKEN}\" }\n"
                + "    max_requests_per_second: 20\n"
                + "    streams:\n"
                + stream.formatted("orders", "orders") + stream.formatted("refunds", "refunds")
                + stream.formatted("customers", "customers");
        Path file = dir.resolve("stockroom.yml");
        Files.writeString(file, yaml);
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "postgres"})
    void a_yaml_only_api_loads_completely_and_exactly_once_and_a_broken_page_fails_its_stream_alone(String engine)
            throws Exception {
        String warehouse = engine.equals("duckdb") ? "duckdb:" + dir.resolve("w.duckdb") : TestDatabases.postgresUrl();
        Path config = config(warehouse);

        assertThat(Main.run("sync", "--config", config.toString())).isEqualTo(1);
        assertThat(query(warehouse, "SELECT id, total FROM shop.orders ORDER BY id")).containsExactly(
                "1|10.5", "2|20.5", "3|30.5", "4|40.5", "5|50.5", "6|60.5", "7|70.5");
        assertThat(query(warehouse, "SELECT id FROM shop.customers")).containsExactly("c1");
        assertThat(query(warehouse, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'shop' "
                + "AND table_name = 'refunds'")).containsExactly("0");
        assertThat(query(warehouse, "SELECT status FROM stockroom.runs WHERE stream = 'refunds'")).containsExactly("failed");
        String error = query(warehouse, "SELECT error FROM stockroom.runs WHERE stream = 'refunds'").get(0);
        assertThat(error).contains("/v1/refunds").doesNotContain(TOKEN);
        assertThat(out.toString()).contains("shop.refunds").contains("/v1/refunds").doesNotContain(TOKEN);

        assertThat(Main.run("sync", "--config", config.toString(), "shop.orders", "shop.customers")).isZero();
        assertThat(query(warehouse, "SELECT COUNT(*), COUNT(DISTINCT id) FROM shop.orders")).containsExactly("7|7");
        assertThat(query(warehouse, "SELECT customer FROM shop.orders WHERE id = 1").get(0)).contains("c1@example.com");
    }

    private static List<String> query(String warehouse, String sql) throws Exception {
        try (Warehouse w = Warehouse.openReadOnly(Dialect.forUrl(warehouse, Path.of("."), "256MB"));
             Statement s = w.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> cells = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    cells.add(v instanceof java.math.BigDecimal d ? d.stripTrailingZeros().toPlainString() : String.valueOf(v));
                }
                rows.add(String.join("|", cells));
            }
            return rows;
        }
    }
}
