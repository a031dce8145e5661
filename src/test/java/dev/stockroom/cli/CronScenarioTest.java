package dev.stockroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.source.http.ScriptedServer;
import dev.stockroom.source.http.ScriptedServer.Reply;
import dev.stockroom.warehouse.Warehouse;
import dev.stockroom.warehouse.duckdb.DuckDbDialect;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The way a new user runs Stockroom: {@code stockroom crontab} lines for four sources on one
 * schedule, all firing at once against a slow API, on the default DuckDB warehouse. Every line is
 * run as printed, with {@code sh -c}, from another folder, as cron would.
 */
class CronScenarioTest {

    private static final List<String> SOURCES = List.of("alpha", "bravo", "charlie", "delta");
    private static final int PAGES = 4;
    private static final int PAGE_SIZE = 250;

    @TempDir
    Path dir;

    @TempDir
    Path elsewhere;

    /** Pages of {@code PAGE_SIZE} records; each answer takes a while, like a real vendor's. */
    private static Reply page(ScriptedServer.Seen request) {
        int page = Integer.parseInt(request.params().getOrDefault("page", "1"));
        StringBuilder body = new StringBuilder("{\"total_pages\": " + PAGES + ", \"data\": [");
        for (int i = 0; i < PAGE_SIZE; i++) {
            body.append(i == 0 ? "" : ",").append("{\"id\": ").append((page - 1) * PAGE_SIZE + i)
                    .append(", \"name\": \"n").append(i).append("\"}");
        }
        return Reply.json(body.append("]}").toString()).delayed(400);
    }

    private String config(ScriptedServer api) throws Exception {
        StringBuilder yml = new StringBuilder("sources:\n");
        for (String source : SOURCES) {
            yml.append("  - name: ").append(source).append("\n    type: rest\n    base_url: \"")
                    .append(api.url("/" + source)).append("\"\n    headers: {X-Run: \"${RUN_TAG:-cron}\"}\n")
                    .append("    streams:\n      - {name: items, path: /items, records: \"$.data\", primary_key: id,")
                    .append(" paginate: {type: page, param: page, size_param: size, size: ").append(PAGE_SIZE)
                    .append(", total_pages_path: \"$.total_pages\"}}\n");
        }
        Path file = dir.resolve("shop.yml"); // not stockroom.yml: the lines must carry --config
        Files.writeString(file, yml);
        return file.toString();
    }

    private List<String> crontab(String config) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        try {
            assertThat(Main.run("crontab", "--config", config)).isZero();
        } finally {
            System.setOut(original);
        }
        List<String> commands = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#") && !line.startsWith("CRON_TZ=")) {
                commands.add(line.split(" ", 6)[5]); // what cron hands to sh -c: all after the 5 time fields
            }
        }
        return commands;
    }

    private Process start(String command, String runTag) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).directory(elsewhere.toFile())
                .redirectErrorStream(true).redirectOutput(elsewhere.resolve(runTag + "-" + System.nanoTime() + ".out").toFile());
        pb.environment().put("RUN_TAG", runTag);
        return pb.start();
    }

    @Test
    void four_sources_on_one_schedule_all_load_into_one_duckdb_file_and_a_second_run_of_a_running_source_exits_3()
            throws Exception {
        java.util.concurrent.CountDownLatch secondRunEnded = new java.util.concurrent.CountDownLatch(1);
        // alpha's last page waits until the second run has ended, so that run surely meets a running first one.
        try (ScriptedServer api = new ScriptedServer((request, n) -> {
            if (request.path().startsWith("/alpha/") && request.params().getOrDefault("page", "1").equals("" + PAGES)) {
                secondRunEnded.await(90, TimeUnit.SECONDS);
            }
            return page(request);
        })) {
            String config = config(api);
            List<String> lines = crontab(config);
            assertThat(lines).hasSize(4).allSatisfy(line -> assertThat(line).contains("--config shop.yml sync"));

            Map<String, Process> runs = new LinkedHashMap<>();
            for (int i = 0; i < SOURCES.size(); i++) {
                runs.put(SOURCES.get(i), start(lines.get(i), "cron"));
            }
            // While alpha's first run is reading its pages, cron (or a user) starts it again.
            while (api.requests().stream().noneMatch(r -> r.path().startsWith("/alpha/"))) {
                assertThat(runs.get("alpha").isAlive()).as("alpha's first run is still running").isTrue();
                Thread.sleep(50);
            }
            Process again = start(lines.get(0), "again");
            assertThat(again.waitFor(60, TimeUnit.SECONDS)).as(() -> {
                again.descendants().forEach(p -> {
                    try {
                        System.err.println(new String(new ProcessBuilder("jstack", "" + p.pid()).start().getInputStream().readAllBytes()));
                    } catch (Exception e) {
                        System.err.println(e);
                    }
                });
                return "the second run ended; alpha's log: " + uncheckedLog("alpha");
            }).isTrue();
            assertThat(runs.get("alpha").isAlive()).as("the second run ended while the first still ran").isTrue();
            secondRunEnded.countDown();
            assertThat(again.exitValue()).isEqualTo(3);

            for (Map.Entry<String, Process> run : runs.entrySet()) {
                assertThat(run.getValue().waitFor(180, TimeUnit.SECONDS)).as(run.getKey()).isTrue();
                assertThat(run.getValue().exitValue()).as(log(run.getKey())).isZero();
            }
            assertThat(api.requests()).as("the second run made no vendor request")
                    .noneMatch(r -> "again".equals(r.header("X-Run")));
            assertThat(log("alpha")).contains("another run holds the lock for source 'alpha'");
        }
        try (Warehouse w = Warehouse.openReadOnly(new DuckDbDialect(dir.resolve("warehouse.duckdb"), "256MB"));
             Statement s = w.connection().createStatement()) {
            for (String source : SOURCES) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + source + ".items")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(source).isEqualTo(PAGES * PAGE_SIZE);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM stockroom.runs WHERE status = 'success'")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(SOURCES.size());
            }
        }
    }

    private String uncheckedLog(String source) {
        try {
            return log(source);
        } catch (Exception e) {
            return e.toString();
        }
    }

    private String log(String source) throws Exception {
        Path log = dir.resolve("stockroom-" + source + ".log");
        return Files.exists(log) ? Files.readString(log) : "(no log " + log + ")" + File.separator;
    }
}
