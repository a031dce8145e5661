package dev.stockroom.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.cli.Main;
import dev.stockroom.config.ConfigLoader;
import dev.stockroom.config.EnvSubstitution;
import dev.stockroom.config.SourceConfig;
import dev.stockroom.config.StockroomConfig;
import dev.stockroom.source.DayRange;
import dev.stockroom.source.Source;
import dev.stockroom.source.SourceTypes;
import dev.stockroom.warehouse.Dialect;
import dev.stockroom.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One conformance suite, run on every warehouse (SPEC §3–4): each write mode, idempotency,
 * windows, gap fill, timezone invariance, schema evolution, the lock, and a killed load.
 */
abstract class WarehouseConformanceTest {

    static final Clock NOON_JUNE_15 = Clock.fixed(Instant.parse("2024-06-15T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    DailyTestSource daily;

    /** The warehouse setting for a fresh, empty warehouse. */
    abstract String freshWarehouse(Path dir);

    String warehouse;

    @BeforeEach
    void freshState() {
        warehouse = freshWarehouse(dir);
        daily = new DailyTestSource();
    }

    // ---- helpers ------------------------------------------------------------------------------

    Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    StockroomConfig config(String sourcesYaml) throws Exception {
        String yaml = "warehouse: \"" + warehouse + "\"\nlookback: 3d\nsources:\n" + sourcesYaml;
        Path file = write("stockroom.yml", yaml);
        return ConfigLoader.parse(yaml, file, new EnvSubstitution(System::getenv, Map.of()));
    }

    static final String DAILY = "  - name: web\n    type: daily_test\n";

    RunSummary sync(StockroomConfig config, Clock clock, SyncOptions options) throws Exception {
        Function<SourceConfig, Source> connectors = c -> c.type().equals("daily_test") ? daily : SourceTypes.create(c);
        Dialect dialect = Dialect.forUrl(config.warehouse(), config.baseDir(), "512MB");
        try (Warehouse w = Warehouse.open(dialect)) {
            return new Sync(config, w, clock, new RunListener() { }, 100_000, connectors).run(options);
        }
    }

    RunSummary sync(StockroomConfig config) throws Exception {
        return sync(config, NOON_JUNE_15, SyncOptions.incremental());
    }

    /** The schemas the suite's queries name, as DuckDB and PostgreSQL hold them. */
    private static final Pattern SCHEMA = Pattern.compile("\\b(exports|web|stockroom|analytics)\\.");

    /**
     * Runs a query written with schemas as DuckDB and PostgreSQL name them ({@code exports.people}).
     * On MariaDB the project's schemas are databases prefixed by the URL's database, and the query
     * reads those ({@code sr_test_x__exports.people}), as an owner writes it there.
     */
    List<List<String>> query(StockroomConfig config, String sql) throws Exception {
        Dialect dialect = Dialect.forUrl(config.warehouse(), config.baseDir(), "512MB");
        String named = SCHEMA.matcher(sql).replaceAll(m -> dialect.namespace().schema(m.group(1)) + ".");
        try (Warehouse w = Warehouse.openReadOnly(dialect); Statement s = w.connection().createStatement();
             ResultSet rs = s.executeQuery(named)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    row.add(v == null ? null : v instanceof java.math.BigDecimal d
                            ? d.stripTrailingZeros().toPlainString() : String.valueOf(v));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    static void assertSucceeded(RunSummary summary) {
        assertThat(summary.results()).allSatisfy(r -> assertThat(r.status())
                .as(r.source() + "." + r.stream() + ": " + r.error()).isNotEqualTo(StreamResult.Status.FAILED));
    }

    String csvSource(String streamYaml) {
        return "  - name: exports\n    type: files\n    streams:\n" + streamYaml;
    }

    // ---- write modes --------------------------------------------------------------------------

    @Test
    void merge_updates_changed_rows_and_keeps_the_others() throws Exception {
        write("in/a.csv", "id,name,score\n1,ann,10\n2,ben,20\n");
        StockroomConfig config = config(csvSource("      - {name: people, path: \"in/*.csv\", primary_key: id}\n"));
        assertSucceeded(sync(config));
        write("in/b.csv", "id,name,score\n2,ben,25\n3,cara,30\n");
        assertSucceeded(sync(config));
        assertThat(query(config, "SELECT id, name, score FROM exports.people ORDER BY id")).containsExactly(
                List.of("1", "ann", "10"), List.of("2", "ben", "25"), List.of("3", "cara", "30"));
    }

    @Test
    void a_key_repeated_within_one_chunk_keeps_the_last_record() throws Exception {
        write("in/a.csv", "id,name\n1,first\n1,second\n2,other\n");
        StockroomConfig config = config(csvSource("      - {name: people, path: \"in/a.csv\", primary_key: id}\n"));
        assertSucceeded(sync(config));
        assertThat(query(config, "SELECT id, name FROM exports.people ORDER BY id"))
                .containsExactly(List.of("1", "second"), List.of("2", "other"));
    }

    @Test
    void append_inserts_new_keys_and_leaves_existing_rows_alone() throws Exception {
        write("in/a.csv", "id,name\n1,ann\n");
        StockroomConfig config = config(csvSource(
                "      - {name: people, path: \"in/*.csv\", primary_key: id, write_mode: append}\n"));
        assertSucceeded(sync(config));
        write("in/b.csv", "id,name\n1,changed\n2,ben\n");
        assertSucceeded(sync(config));
        assertThat(query(config, "SELECT id, name FROM exports.people ORDER BY id"))
                .containsExactly(List.of("1", "ann"), List.of("2", "ben"));
    }

    @Test
    void replace_drops_rows_that_left_the_source() throws Exception {
        write("in/a.csv", "sku,price\nx,1.50\ny,2.25\n");
        StockroomConfig config = config(csvSource("      - {name: prices, path: \"in/a.csv\"}\n"));
        assertSucceeded(sync(config));
        write("in/a.csv", "sku,price\ny,2.50\n");
        assertSucceeded(sync(config));
        assertThat(query(config, "SELECT sku, price FROM exports.prices")).containsExactly(List.of("y", "2.5"));
    }

    @Test
    void replace_window_replaces_the_window_days_only() throws Exception {
        StockroomConfig config = config(DAILY);
        assertSucceeded(sync(config, NOON_JUNE_15, new SyncOptions(List.of(), LocalDate.of(2024, 6, 1), null, false, false)));
        daily.revision = 1;
        daily.vanished = java.util.Set.of("/c");
        assertSucceeded(sync(config));
        // The lookback (3 days: 12..14 June) was replaced; the days before kept their rows.
        assertThat(query(config, "SELECT COUNT(*) FROM web.pages WHERE page = '/c' AND day >= DATE '2024-06-12'"))
                .containsExactly(List.of("0"));
        assertThat(query(config, "SELECT COUNT(*) FROM web.pages WHERE page = '/c'")).containsExactly(List.of("11"));
        assertThat(query(config, "SELECT page_views FROM web.pages WHERE page = '/a' AND day = DATE '2024-06-14'"))
                .containsExactly(List.of(String.valueOf(daily.views(LocalDate.of(2024, 6, 14), "/a"))));
        assertThat(query(config, "SELECT page_views FROM web.pages WHERE page = '/a' AND day = DATE '2024-06-11'"))
                .containsExactly(List.of(String.valueOf(11 * 10 + 'a')));
    }

    // ---- idempotency --------------------------------------------------------------------------

    @Test
    void syncing_twice_leaves_identical_rows() throws Exception {
        write("in/a.csv", "id,name,joined\n1,ann,2024-01-02\n2,ben,2024-02-03\n");
        write("in/e.ndjson", "{\"id\":\"e1\",\"seen_at\":\"2024-06-01T10:00:00Z\",\"props\":{\"k\":1}}\n");
        StockroomConfig config = config(DAILY + csvSource(
                "      - {name: people, path: \"in/a.csv\", primary_key: id}\n"
                        + "      - {name: events, path: \"in/e.ndjson\", primary_key: id}\n"));
        String everything = "SELECT * FROM exports.people ORDER BY id";
        assertSucceeded(sync(config));
        List<List<String>> people = query(config, everything);
        List<List<String>> events = query(config, "SELECT id, seen_at, props FROM exports.events");
        List<List<String>> pages = query(config, "SELECT day, page, page_views FROM web.pages ORDER BY day, page");
        assertSucceeded(sync(config));
        assertSucceeded(sync(config));
        assertThat(query(config, everything)).isEqualTo(people);
        assertThat(query(config, "SELECT id, seen_at, props FROM exports.events")).isEqualTo(events);
        assertThat(query(config, "SELECT day, page, page_views FROM web.pages ORDER BY day, page")).isEqualTo(pages);
        assertThat(pages).hasSize(9);
    }

    // ---- windows ------------------------------------------------------------------------------

    @Test
    void incremental_reads_the_lookback_up_to_yesterday() throws Exception {
        StockroomConfig config = config(DAILY);
        assertSucceeded(sync(config));
        assertThat(daily.requested).containsExactly(DayRange.of(LocalDate.of(2024, 6, 12)),
                DayRange.of(LocalDate.of(2024, 6, 13)), DayRange.of(LocalDate.of(2024, 6, 14)));
    }

    @Test
    void backfill_reads_from_since_to_until() throws Exception {
        StockroomConfig config = config(DAILY);
        assertSucceeded(sync(config, NOON_JUNE_15,
                new SyncOptions(List.of("web"), LocalDate.of(2024, 5, 30), LocalDate.of(2024, 6, 2), false, false)));
        assertThat(daily.requestedDays()).containsExactly(LocalDate.of(2024, 5, 30), LocalDate.of(2024, 5, 31),
                LocalDate.of(2024, 6, 1), LocalDate.of(2024, 6, 2));
        assertThat(query(config, "SELECT COUNT(*) FROM web.pages")).containsExactly(List.of("12"));
    }

    @Test
    void a_long_outage_is_filled_from_the_day_after_the_newest_complete_day() throws Exception {
        StockroomConfig config = config(DAILY);
        assertSucceeded(sync(config));
        daily.requested.clear();
        Clock threeWeeksLater = Clock.fixed(Instant.parse("2024-07-06T10:00:00Z"), ZoneOffset.UTC);
        assertSucceeded(sync(config, threeWeeksLater, SyncOptions.incremental()));
        List<LocalDate> days = daily.requestedDays();
        assertThat(days.get(0)).isEqualTo(LocalDate.of(2024, 6, 15));
        assertThat(days.get(days.size() - 1)).isEqualTo(LocalDate.of(2024, 7, 5));
        assertThat(days).hasSize(21).doesNotHaveDuplicates();
    }

    @Test
    void days_are_days_in_the_source_timezone_whatever_the_clock_and_jvm_zone() throws Exception {
        // 23:30 UTC on 15 June is already 16 June in Auckland: yesterday there is the 15th.
        Clock lateEvening = Clock.fixed(Instant.parse("2024-06-15T23:30:00Z"), ZoneOffset.UTC);
        StockroomConfig auckland = config(DAILY.replace("type: daily_test\n", "type: daily_test\n    timezone: Pacific/Auckland\n"));
        assertSucceeded(sync(auckland, lateEvening, SyncOptions.incremental()));
        assertThat(daily.requestedDays()).last().isEqualTo(LocalDate.of(2024, 6, 15));

        daily = new DailyTestSource();
        warehouse = freshWarehouse(dir.resolve("second"));
        StockroomConfig utc = config(DAILY);
        assertSucceeded(sync(utc, lateEvening, SyncOptions.incremental()));
        assertThat(daily.requestedDays()).last().isEqualTo(LocalDate.of(2024, 6, 14));
    }

    // ---- schema evolution ---------------------------------------------------------------------

    @Test
    void a_new_field_becomes_a_new_column_and_a_type_change_widens() throws Exception {
        write("in/a.csv", "id,code\n1,100\n");
        StockroomConfig config = config(csvSource("      - {name: items, path: \"in/*.csv\", primary_key: id}\n"));
        assertSucceeded(sync(config));
        write("in/b.csv", "id,code,color\n2,A-7,red\n");
        assertSucceeded(sync(config));
        assertThat(query(config, "SELECT id, code, color FROM exports.items ORDER BY id"))
                .containsExactly(java.util.Arrays.asList("1", "100", null), List.of("2", "A-7", "red"));
        assertThat(query(config, "SELECT original_name, data_type FROM stockroom.columns WHERE table_name = 'items'"
                + " AND column_name = 'code'")).containsExactly(List.of("code", "string"));
    }

    @Test
    void column_names_are_snake_case_and_originals_are_kept() throws Exception {
        StockroomConfig config = config(DAILY);
        daily.extraField = true;
        assertSucceeded(sync(config));
        assertThat(query(config, "SELECT column_name, original_name FROM stockroom.columns WHERE table_name = 'pages'"
                + " ORDER BY column_name")).contains(List.of("bounce_rate", "bounceRate"), List.of("page_views", "pageViews"));
    }

    // ---- runs, state, lock --------------------------------------------------------------------

    @Test
    void runs_and_state_are_recorded_per_stream() throws Exception {
        StockroomConfig config = config(DAILY);
        RunSummary summary = sync(config);
        assertThat(query(config, "SELECT source, stream, mode, status, rows_read FROM stockroom.runs WHERE run_id = '"
                + summary.runId() + "'")).containsExactly(List.of("web", "pages", "incremental", "success", "9"));
        assertThat(query(config, "SELECT CAST(newest_complete_day AS VARCHAR(10)) FROM stockroom.state WHERE stream = 'pages'"))
                .extracting(r -> r.get(0)).containsExactly("2024-06-14");
    }

    @Test
    void a_second_run_of_a_locked_source_exits_3() throws Exception {
        write("in/a.csv", "id\n1\n");
        StockroomConfig config = config(csvSource("      - {name: people, path: \"in/a.csv\", primary_key: id}\n"));
        Dialect dialect = Dialect.forUrl(config.warehouse(), config.baseDir(), "512MB");
        Optional<AutoCloseable> lock = dialect.tryLock("exports");
        assertThat(lock).isPresent();
        try {
            assertThat(Main.run("sync", "--config", dir.resolve("stockroom.yml").toString())).isEqualTo(3);
        } finally {
            lock.get().close();
        }
        assertThat(Main.run("sync", "--config", dir.resolve("stockroom.yml").toString())).isEqualTo(0);
    }

    @Test
    void a_failing_stream_is_recorded_and_the_others_still_load() throws Exception {
        write("in/good.csv", "id\n1\n");
        write("in/bad.json", "{ this is not json");
        StockroomConfig config = config(csvSource("      - {name: good, path: \"in/good.csv\", primary_key: id}\n"
                + "      - {name: bad, path: \"in/bad.json\", primary_key: id}\n"));
        assertThat(Main.run("sync", "--config", dir.resolve("stockroom.yml").toString())).isEqualTo(1);
        assertThat(query(config, "SELECT COUNT(*) FROM exports.good")).containsExactly(List.of("1"));
        assertThat(query(config, "SELECT status FROM stockroom.runs WHERE stream = 'bad'")).containsExactly(List.of("failed"));
    }

    // ---- crash safety -------------------------------------------------------------------------

    @Test
    void a_sync_killed_mid_load_then_rerun_gives_the_rows_of_a_clean_sync() throws Exception {
        int files = 30;
        int rowsPerFile = 4000;
        for (int f = 0; f < files; f++) {
            StringBuilder csv = new StringBuilder("id,file,amount\n");
            for (int i = 0; i < rowsPerFile; i++) {
                csv.append(f * rowsPerFile + i).append(',').append(f).append(',').append(i % 97).append('\n');
            }
            write(String.format("big/part-%02d.csv", f), csv.toString());
        }
        StockroomConfig config = config(csvSource("      - {name: events, path: \"big/*.csv\", primary_key: id}\n"));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.stockroom.cli.Main", "sync", "--verbose",
                "--chunk-rows", "1", "--config", dir.resolve("stockroom.yml").toString())
                .redirectErrorStream(true).start();
        int commits = 0;
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.contains("rows written") && ++commits == 3) {
                    child.destroyForcibly();
                    break;
                }
            }
        }
        child.waitFor();
        assertThat(commits).as("the child committed some chunks before it was killed").isEqualTo(3);
        long partial = Long.parseLong(query(config, "SELECT COUNT(*) FROM exports.events").get(0).get(0));
        assertThat(partial).isBetween((long) rowsPerFile * 3, (long) files * rowsPerFile - 1);

        assertSucceeded(sync(config));
        long expectedSum = 0;
        for (int i = 0; i < files * rowsPerFile; i++) {
            expectedSum += (i % rowsPerFile) % 97;
        }
        assertThat(query(config, "SELECT COUNT(*), COUNT(DISTINCT id), SUM(amount) FROM exports.events"))
                .containsExactly(List.of(String.valueOf(files * rowsPerFile), String.valueOf(files * rowsPerFile),
                        String.valueOf(expectedSum)));
        assertThat(query(config, "SELECT status FROM stockroom.runs WHERE status = 'interrupted'")).hasSize(1);
    }

    // ---- isolation ----------------------------------------------------------------------------

    /** A project in its own folder: source exports (people, and a broken stream if asked) and a model. */
    private StockroomConfig project(String name, String people, boolean broken) throws Exception {
        Path folder = dir.resolve(name);
        Files.createDirectories(folder.resolve("in"));
        Files.createDirectories(folder.resolve("models"));
        String url = freshWarehouse(folder);
        Files.writeString(folder.resolve("in/people.csv"), people);
        Files.writeString(folder.resolve("in/bad.json"), "{ this is not json");
        // The model names the source's schema as the owner writes it on this warehouse.
        String exports = Dialect.forUrl(url, folder, "512MB").namespace().schema("exports");
        Files.writeString(folder.resolve("models/people_count.sql"), "SELECT COUNT(*) AS n FROM " + exports
                + ".people");
        String yaml = "warehouse: \"" + url + "\"\nsources:\n  - name: exports\n    type: files\n    streams:\n"
                + "      - {name: people, path: \"in/people.csv\", primary_key: id}\n"
                + (broken ? "      - {name: bad, path: \"in/bad.json\", primary_key: id}\n" : "");
        Path file = folder.resolve("stockroom.yml");
        Files.writeString(file, yaml);
        return ConfigLoader.parse(yaml, file, new EnvSubstitution(System::getenv, Map.of()));
    }

    private static int cli(StockroomConfig project, String... args) {
        List<String> line = new ArrayList<>(List.of(args));
        line.addAll(List.of("--config", project.file().toString()));
        return Main.run(line.toArray(String[]::new));
    }

    private static List<StreamStatus> status(StockroomConfig project) throws Exception {
        try (Warehouse w = Warehouse.openReadOnly(Dialect.forUrl(project.warehouse(), project.baseDir(), "512MB"))) {
            return new StatusReader(project, w, Clock.systemUTC()).read();
        }
    }

    @Test
    void two_projects_on_one_server_never_share_tables_runs_state_locks_or_models() throws Exception {
        StockroomConfig one = project("one", "id,name\n1,ann\n2,ben\n", false);
        StockroomConfig two = project("two", "id,name\n7,zoe\n", true);
        assertThat(cli(one, "sync")).isZero();
        List<List<String>> stateOfOne = query(one, "SELECT source, stream, cursor_value, updated_at FROM stockroom.state");

        // The same source name in the other project is another lock.
        Optional<AutoCloseable> lockOfOne = Dialect.forUrl(one.warehouse(), one.baseDir(), "512MB").tryLock("exports");
        assertThat(lockOfOne).isPresent();
        try {
            assertThat(cli(two, "sync")).as("exit 1: its broken stream, not 3: the other project's lock").isEqualTo(1);
            assertThat(cli(one, "sync")).isEqualTo(3);
        } finally {
            lockOfOne.get().close();
        }
        // A full read (and rewrite) of the other project's people, where zoe is alone.
        assertThat(cli(two, "sync", "--full")).isEqualTo(1);

        assertThat(query(one, "SELECT id, name FROM exports.people ORDER BY id"))
                .containsExactly(List.of("1", "ann"), List.of("2", "ben"));
        assertThat(query(two, "SELECT id, name FROM exports.people ORDER BY id")).containsExactly(List.of("7", "zoe"));
        assertThat(query(one, "SELECT n FROM analytics.people_count")).containsExactly(List.of("2"));
        assertThat(query(two, "SELECT n FROM analytics.people_count")).containsExactly(List.of("1"));

        assertThat(query(one, "SELECT source, stream, status FROM stockroom.runs ORDER BY source, stream"))
                .containsExactly(List.of("analytics", "people_count", "success"), List.of("exports", "people", "success"));
        assertThat(query(two, "SELECT COUNT(DISTINCT run_id), SUM(CASE WHEN stream = 'bad' AND status = 'failed' "
                + "THEN 1 ELSE 0 END) FROM stockroom.runs")).containsExactly(List.of("2", "2"));
        List<List<String>> runsOfOne = query(one, "SELECT DISTINCT run_id FROM stockroom.runs");
        assertThat(query(two, "SELECT DISTINCT run_id FROM stockroom.runs")).doesNotContainAnyElementsOf(runsOfOne);
        assertThat(query(one, "SELECT DISTINCT _run_id FROM exports.people")).as("no other run wrote these rows")
                .isEqualTo(runsOfOne);

        assertThat(query(one, "SELECT source, stream, cursor_value, updated_at FROM stockroom.state"))
                .as("the other project's syncs left this one's state alone").isEqualTo(stateOfOne);
        assertThat(query(two, "SELECT source, stream FROM stockroom.state ORDER BY stream"))
                .containsExactly(List.of("exports", "people"));

        assertThat(status(one)).extracting(r -> r.source() + "." + r.stream() + " " + r.health() + " " + r.rows())
                .containsExactly("exports.people ok 2", "analytics.people_count ok 1");
        assertThat(status(two)).extracting(r -> r.source() + "." + r.stream() + " " + r.health() + " " + r.rows())
                .containsExactly("exports.people ok 1", "exports.bad failing 0", "analytics.people_count ok 1");
    }
}
