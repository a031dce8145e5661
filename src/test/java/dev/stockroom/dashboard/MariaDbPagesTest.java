package dev.stockroom.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.cli.Main;
import dev.stockroom.testing.TestDatabases;
import dev.stockroom.warehouse.Dialect;
import dev.stockroom.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Runs page and the explorer's table list on MariaDB show this project's rows only. */
class MariaDbPagesTest {

    @TempDir
    Path dir;

    private String project(String name, String people) throws Exception {
        Path folder = dir.resolve(name);
        Files.createDirectories(folder.resolve("in"));
        Files.writeString(folder.resolve("in/people.csv"), people);
        String url = TestDatabases.mysqlUrl();
        Files.writeString(folder.resolve("stockroom.yml"), "warehouse: \"" + url + "\"\nsources:\n"
                + "  - name: exports\n    type: files\n    streams:\n"
                + "      - {name: people, path: \"in/people.csv\", primary_key: id}\n");
        assertThat(Main.run("sync", "--config", folder.resolve("stockroom.yml").toString())).isZero();
        return url;
    }

    @Test
    void runs_and_the_explorers_tables_are_the_projects_own_beside_another_project() throws Exception {
        String one = project("one", "id\n1\n2\n");
        String two = project("two", "id\n7\n");
        QueryRunner runner = new QueryRunner(1000, DashboardSettings.DEFAULT_BYTE_LIMIT, Duration.ofSeconds(30));
        try (Warehouse w = Warehouse.openReadOnly(Dialect.forUrl(one, dir, "1GB"))) {
            QueryResult runs = runner.run(w, RunsPage.query(w));
            assertThat(runs.rows()).singleElement().satisfies(r -> {
                assertThat(r.get(1)).isEqualTo("exports");
                assertThat(String.valueOf(r.get(9))).isEqualTo("2");
            });
            String own = w.schema("exports");
            String other = Dialect.forUrl(two, dir, "1GB").namespace().schema("exports");
            List<String> tables = runner.run(w, ExplorerPage.tables(w.dialect().namespace())).rows().stream()
                    .map(r -> r.get(0) + "." + r.get(1)).toList();
            assertThat(tables).contains(own + ".people", w.schema("stockroom") + ".runs")
                    .doesNotContain(other + ".people").allMatch(t -> t.startsWith(w.schema("")));
        }
    }
}
