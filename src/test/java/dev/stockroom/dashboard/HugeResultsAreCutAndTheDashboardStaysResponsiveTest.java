package dev.stockroom.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory case on the dashboard, under the test JVM's heap (-Xmx1g): a query of 3 GB
 * of text answers with the rows up to the 50 MB byte cap and says it was cut; the server goes on
 * answering.
 */
class HugeResultsAreCutAndTheDashboardStaysResponsiveTest {

    private static final String HUGE = "SELECT repeat('x', 1000000) AS x FROM range(3000)";

    @TempDir
    static Path dir;

    static TestProject project;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void load() throws Exception {
        project = TestProject.loaded(dir);
        Files.writeString(dir.resolve("dashboards/huge.yml"), "title: Huge\ntiles:\n  - title: Megabyte rows\n"
                + "    type: table\n    sql: " + HUGE + "\n");
    }

    @Test
    void a_tile_of_three_gigabytes_shows_the_rows_up_to_the_byte_limit_and_says_it_was_cut() throws Exception {
        try (DashboardServer server = start()) {
            HttpResponse<String> page = get(server, "/d/huge");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("cut at the byte limit of 50MB").contains("dashboard.byte_limit")
                    .doesNotContain("error-box");
            assertThat(page.body().length()).isBetween(40_000_000, 60_000_000);
            assertThat(get(server, "/health").body()).contains("Pipeline health");
        }
    }

    @Test
    void a_csv_download_of_three_gigabytes_stops_at_the_byte_limit_and_says_so_in_a_header() throws Exception {
        try (DashboardServer server = start()) {
            HttpResponse<String> csv = new ExplorerClient(server, null).csv(HUGE);
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("X-Stockroom-Cut")).hasValueSatisfying(
                    cut -> assertThat(cut).contains("cut at the byte limit"));
            assertThat(csv.body().length()).isBetween(40_000_000, 60_000_000);
            assertThat(csv.body().split("\r\n")[0]).isEqualTo("x");
        }
    }

    @Test
    void the_row_limit_cuts_too_and_names_its_setting() throws Exception {
        DashboardSettings settings = new DashboardSettings("127.0.0.1", 0, java.util.Optional.empty(), 10,
                java.time.Duration.ofSeconds(30), DashboardSettings.DEFAULT_BYTE_LIMIT, java.util.Optional.empty(),
                WebSettings.defaults());
        try (DashboardServer server = DashboardServer.start(project.context(
                ReadConnections.perRequest(project.dialect), settings))) {
            HttpResponse<String> csv = new ExplorerClient(server, null).csv("SELECT * FROM range(100)");
            assertThat(csv.body().split("\r\n")).hasSize(11);
            assertThat(csv.headers().firstValue("X-Stockroom-Cut").orElseThrow())
                    .contains("cut at the row limit").contains("dashboard.row_limit");
        }
    }

    private DashboardServer start() throws Exception {
        return DashboardServer.start(project.context(ReadConnections.perRequest(project.dialect),
                DashboardSettings.defaults().withAddress("127.0.0.1", 0)));
    }

    private HttpResponse<String> get(DashboardServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
