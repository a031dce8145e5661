package dev.stockroom.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockroom.config.ConfigException;
import dev.stockroom.warehouse.Warehouse;
import dev.stockroom.warehouse.WarehouseWait;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting rules, the login wall, and reading a DuckDB warehouse while a sync writes it. */
class DashboardServerTest {

    @TempDir
    static Path dir;

    static TestProject project;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void load() throws Exception {
        project = TestProject.loaded(dir);
    }

    private HttpResponse<String> get(DashboardServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String q(String sql) {
        return URLEncoder.encode(sql, StandardCharsets.UTF_8);
    }

    @Test
    void binding_any_address_but_loopback_without_a_password_is_refused() {
        DashboardSettings open = DashboardSettings.defaults().withAddress("0.0.0.0", 0);
        assertThatThrownBy(() -> DashboardServer.start(project.context(ReadConnections.perRequest(project.dialect),
                open))).isInstanceOf(ConfigException.class).hasMessageContaining("without a password")
                .hasMessageContaining("STOCKROOM_PASSWORD");
    }

    @Test
    void off_loopback_every_page_needs_a_login() throws Exception {
        DashboardSettings settings = DashboardSettings.defaults().withAddress("0.0.0.0", 0).withPassword("s3cret-pass");
        try (DashboardServer server = DashboardServer.start(project.context(
                ReadConnections.perRequest(project.dialect), settings))) {
            HttpResponse<String> page = get(server, "/sql?q=" + q("SELECT 1"));
            assertThat(page.statusCode()).isEqualTo(401);
            assertThat(page.body()).contains("id=\"login-form\"").doesNotContain("SQL explorer");
            HttpResponse<String> wrong = login(server, "guess");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).contains("Wrong password");
            HttpResponse<String> right = login(server, "s3cret-pass");
            assertThat(right.statusCode()).isEqualTo(303);
            String cookie = right.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
            HttpResponse<String> in = http.send(HttpRequest.newBuilder(URI.create(server.url() + "health"))
                    .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(in.statusCode()).isEqualTo(200);
            assertThat(in.body()).contains("Pipeline health");
        }
    }

    private HttpResponse<String> login(DashboardServer server, String password) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + "login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", server.url().substring(0, server.url().length() - 1))
                .POST(HttpRequest.BodyPublishers.ofString("next=%2Fhealth&password=" + q(password))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void serve_alone_lets_another_process_write_the_duckdb_file_between_requests() throws Exception {
        try (DashboardServer server = DashboardServer.start(project.context(
                ReadConnections.perRequest(project.dialect), DashboardSettings.defaults().withAddress("127.0.0.1", 0)))) {
            ExplorerClient explorer = new ExplorerClient(server, null);
            assertThat(explorer.csv("SELECT COUNT(*) AS n FROM shop.orders").body()).isEqualTo("n\r\n241\r\n");
            Path file = dir.resolve("warehouse.duckdb");
            Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), OtherProcessWriter.class.getName(), file.toString())
                    .redirectErrorStream(true).start();
            String output = new String(writer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(writer.waitFor()).as(output).isZero();
            assertThat(explorer.csv("SELECT COUNT(*) AS n FROM shop.orders").body()).isEqualTo("n\r\n242\r\n");
        }
    }

    @Test
    void inside_a_writing_process_requests_read_between_its_write_turns_on_read_only_instances() throws Exception {
        try (Warehouse writer = Warehouse.openInTurns(project.dialect, WarehouseWait.quiet("test writer",
                java.time.Duration.ofMinutes(1)));
             DashboardServer server = DashboardServer.start(project.context(
                     ReadConnections.perRequest(project.dialect),
                     DashboardSettings.defaults().withAddress("127.0.0.1", 0)))) {
            writer.execute("INSERT INTO shop.orders (id, day, plan, amount) VALUES (90001, DATE '2024-01-01', 'x', 1)");
            ExplorerClient explorer = new ExplorerClient(server, null);
            assertThat(explorer.csv("SELECT COUNT(*) AS n FROM shop.orders WHERE id = 90001").body())
                    .isEqualTo("n\r\n1\r\n");
            HttpResponse<String> delete = explorer.run("DELETE FROM shop.orders");
            assertThat(delete.body()).contains("Refused");
            HttpResponse<String> sneaky = explorer.run("WITH x AS (SELECT 1) DELETE FROM shop.orders");
            assertThat(sneaky.body()).contains("Refused");
            // A request that arrives during a write turn waits for it, then reads what it committed.
            java.util.concurrent.CompletableFuture<String> during = writer.turn(() -> {
                var pending = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return explorer.csv("SELECT COUNT(*) AS n FROM shop.orders WHERE id = 90002").body();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                writer.execute("INSERT INTO shop.orders (id, day, plan, amount) VALUES (90002, DATE '2024-01-01', 'x', 1)");
                return pending;
            });
            assertThat(during.get()).isEqualTo("n\r\n1\r\n");
            assertThat(get(server, "/d/overview").body()).contains("25,").doesNotContain("error-box");
            writer.execute("DELETE FROM shop.orders WHERE id IN (90001, 90002)");
        }
    }

    /** Run in a child JVM: writes one row the way a cron sync in another process would. */
    public static final class OtherProcessWriter {
        public static void main(String[] args) throws Exception {
            try (Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + args[0]);
                 Statement s = c.createStatement()) {
                s.execute("INSERT INTO shop.orders (id, day, plan, amount) VALUES (99999, DATE '2024-01-01', 'x', 1)");
            }
        }
    }
}
