package dev.stockroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.stockroom.warehouse.Warehouse;
import dev.stockroom.warehouse.duckdb.DuckDbDialect;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exclude_fields} on a files stream and a rest stream (nested paths, lists looked through),
 * the source-level form, the credential names every rest source drops, and status / --dry-run
 * saying what is not stored, typos included.
 */
class ExcludeFieldsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;
    private HttpServer api;

    @BeforeEach
    void start() throws Exception {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/v1/accounts", exchange -> {
            byte[] body = """
                    {"data": [
                      {"id": "a1", "name": "Ann", "api_token": "tok_a1", "plan": "pro",
                       "session": {"refresh_token": "rt_a1", "started": "2024-05-01"},
                       "meta": {"internal": {"score": 7, "flag": true}, "source": "ads"}},
                      {"id": "a2", "name": "Ben", "api_token": "tok_a2", "plan": "free",
                       "session": {"refresh_token": "rt_a2", "started": "2024-05-02"},
                       "meta": {"internal": {"score": 3, "flag": false}, "source": "seo"}}
                    ]}""".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
        Files.writeString(dir.resolve("members.ndjson"), """
                {"id": 1, "email": "ann@example.com", "password_hash": "$2b$12$abc", "profile": {"city": "Berlin", "notes": "VIP, call first", "reset_token": "kept"}, "orders": [{"sku": "A", "card_last4": "4242"}, {"sku": "B", "card_last4": "1881"}]}
                {"id": 2, "email": "ben@example.com", "password_hash": "$2b$12$def", "profile": {"city": "Porto", "notes": "none"}, "orders": []}
                """);
        Files.writeString(dir.resolve("stockroom.yml"), """
                warehouse: duckdb:warehouse.duckdb
                sources:
                  - name: site
                    type: files
                    streams:
                      - name: members
                        path: members.ndjson
                        primary_key: id
                        exclude_fields: [password_hash, profile.notes, orders.card_last4, profil.typo]
                  - name: crm
                    type: rest
                    base_url: "http://127.0.0.1:%d/v1"
                    exclude_fields: { accounts: [plan] }
                    streams:
                      - name: accounts
                        path: /accounts
                        records: "$.data"
                        primary_key: id
                        exclude_fields: [meta.internal.score]
                """.formatted(api.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        api.stop(0);
    }

    private String config() {
        return dir.resolve("stockroom.yml").toString();
    }

    @Test
    void excluded_fields_never_reach_the_warehouse_at_any_depth() throws Exception {
        assertThat(Main.run("sync", "--config", config())).as(err.toString()).isZero();

        assertThat(columns("site", "members")).contains("id", "email", "profile", "orders")
                .doesNotContain("password_hash");
        JsonNode profile = JSON.readTree(value("SELECT CAST(profile AS VARCHAR) FROM site.members WHERE id = 1"));
        assertThat(profile.has("notes")).isFalse();
        assertThat(profile.path("city").asText()).isEqualTo("Berlin");
        // A files source is the owner's own data: only what they listed goes.
        assertThat(profile.path("reset_token").asText()).isEqualTo("kept");
        JsonNode orders = JSON.readTree(value("SELECT CAST(orders AS VARCHAR) FROM site.members WHERE id = 1"));
        assertThat(orders).hasSize(2);
        assertThat(orders.get(0).path("sku").asText()).isEqualTo("A");
        assertThat(orders.toString()).doesNotContain("card_last4").doesNotContain("4242");

        assertThat(columns("crm", "accounts")).contains("id", "name", "session", "meta")
                .doesNotContain("api_token", "plan");
        JsonNode session = JSON.readTree(value("SELECT CAST(session AS VARCHAR) FROM crm.accounts WHERE id = 'a1'"));
        assertThat(session.has("refresh_token")).isFalse();
        assertThat(session.path("started").asText()).isEqualTo("2024-05-01");
        JsonNode meta = JSON.readTree(value("SELECT CAST(meta AS VARCHAR) FROM crm.accounts WHERE id = 'a1'"));
        assertThat(meta.path("internal").has("score")).isFalse();
        assertThat(meta.path("internal").path("flag").asBoolean()).isTrue();
        assertThat(meta.path("source").asText()).isEqualTo("ads");
    }

    @Test
    void status_and_dry_run_say_what_is_not_stored_typos_included() {
        out.reset();
        assertThat(Main.run("sync", "--config", config(), "--dry-run")).isZero();
        String dryRun = out.toString(StandardCharsets.UTF_8);
        assertThat(dryRun).contains("exclude_fields: password_hash, profile.notes, orders.card_last4, profil.typo")
                .contains("credentials: **.*_token, **.*_secret; exclude_fields: meta.internal.score, plan");

        assertThat(Main.run("sync", "--config", config())).isZero();
        out.reset();
        assertThat(Main.run("status", "--config", config())).isZero();
        String status = out.toString(StandardCharsets.UTF_8);
        assertThat(status).contains("not stored: exclude_fields: password_hash, profile.notes, orders.card_last4, "
                + "profil.typo").contains("not stored: credentials: **.*_token, **.*_secret");
    }

    @Test
    void a_source_level_exclusion_for_a_stream_that_does_not_exist_is_a_configuration_error() throws Exception {
        Files.writeString(dir.resolve("stockroom.yml"), Files.readString(dir.resolve("stockroom.yml"))
                .replace("exclude_fields: { accounts: [plan] }", "exclude_fields: { acounts: [plan] }"));
        assertThat(Main.run("sync", "--config", config())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("exclude_fields").contains("no stream 'acounts'")
                .contains("did you mean 'accounts'?");
    }

    @Test
    void excluding_a_streams_primary_key_is_a_configuration_error() throws Exception {
        Files.writeString(dir.resolve("stockroom.yml"), Files.readString(dir.resolve("stockroom.yml"))
                .replace("exclude_fields: [meta.internal.score]", "exclude_fields: [meta.internal.score, id]"));
        assertThat(Main.run("sync", "--config", config())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("stream accounts").contains("drops id")
                .contains("primary_key");
    }

    private List<String> columns(String schema, String table) throws Exception {
        List<String> out = new ArrayList<>();
        try (Warehouse w = Warehouse.openReadOnly(new DuckDbDialect(dir.resolve("warehouse.duckdb"), "256MB"));
             Statement s = w.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_schema = '"
                     + schema + "' AND table_name = '" + table + "'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private String value(String sql) throws Exception {
        try (Warehouse w = Warehouse.openReadOnly(new DuckDbDialect(dir.resolve("warehouse.duckdb"), "256MB"));
             Statement s = w.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }
}
