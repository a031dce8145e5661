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
    KeyedTestSource keyed;
    /** Rows per chunk of cursor streams; tests of chunked complete reads lower it. */
    long chunkRows = 100_000;

    /** The warehouse setting for a fresh, empty warehouse. */
    abstract String freshWarehouse(Path dir);

    String warehouse;

    @BeforeEach
    void freshState() {
        warehouse = freshWarehouse(dir);
        daily = new DailyTestSource();
        keyed = new KeyedTestSource();
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
        Function<SourceConfig, Source> connectors = c -> c.type().equals("daily_test") ? daily
                : c.type().equals("keyed_test") ? keyed : SourceTypes.create(c);
        Dialect dialect = Dialect.forUrl(config.warehouse(), config.baseDir(), "512MB");
        try (Warehouse w = Warehouse.open(dialect)) {
            return new Sync(config, w, clock, new RunListener() { }, chunkRows, connectors).run(options);
        }
    }

    RunSummary sync(StockroomConfig config) throws Exception {
        return sync(config, NOON_JUNE_15, SyncOptions.incremental());
    }

    /** The schemas the suite's queries name, as DuckDB and PostgreSQL hold them. */
    private static final Pattern SCHEMA = Pattern.compile("\\b(exports|web|stockroom|analytics|crm|shop|site)\\.");

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


    // ---- deletions, reconciliation, types from the data ---------------------------------------

    static final String KEYED = "  - name: crm\n    type: keyed_test\n";
    static final String LIVE = "SELECT id, name, CASE WHEN _deleted_at IS NULL THEN 'live' ELSE 'deleted' END FROM ";

    static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    static SyncOptions full() {
        return new SyncOptions(List.of(), null, null, true, false);
    }

    static StreamResult result(RunSummary run, String stream) {
        return run.results().stream().filter(r -> r.stream().equals(stream)).findFirst().orElseThrow();
    }

    @Test
    void a_record_that_vanishes_from_a_full_read_is_marked_deleted_and_cleared_when_it_returns() throws Exception {
        keyed.people.put("1", KeyedTestSource.record("1", "ann", "2024-06-01T00:00:00Z"));
        keyed.people.put("2", KeyedTestSource.record("2", "ben", "2024-06-01T00:00:00Z"));
        keyed.people.put("3", KeyedTestSource.record("3", "cara", "2024-06-01T00:00:00Z"));
        StockroomConfig config = config(KEYED);
        assertSucceeded(sync(config));
        Map<String, Object> ben = keyed.people.remove("2");

        RunSummary run = sync(config);

        assertSucceeded(run);
        assertThat(query(config, LIVE + "crm.people ORDER BY id")).containsExactly(List.of("1", "ann", "live"),
                List.of("2", "ben", "deleted"), List.of("3", "cara", "live"));
        assertThat(result(run, "people").notes()).anySatisfy(n -> assertThat(n).contains("1 rows marked deleted"));
        keyed.people.put("2", ben);
        assertSucceeded(sync(config));
        assertThat(query(config, LIVE + "crm.people ORDER BY id")).extracting(r -> r.get(2))
                .containsExactly("live", "live", "live");
    }

    @Test
    void deletes_hard_removes_the_rows_and_deletes_off_keeps_them() throws Exception {
        keyed.people.put("1", KeyedTestSource.record("1", "ann", "2024-06-01T00:00:00Z"));
        keyed.people.put("2", KeyedTestSource.record("2", "ben", "2024-06-01T00:00:00Z"));
        StockroomConfig config = config(KEYED);
        keyed.peopleSpec = keyed.peopleSpec.withMirroring(dev.stockroom.source.DeleteMode.OFF, null);
        assertSucceeded(sync(config));
        keyed.people.remove("2");
        assertSucceeded(sync(config));
        assertThat(query(config, LIVE + "crm.people ORDER BY id")).extracting(r -> r.get(2))
                .containsExactly("live", "live");

        keyed.peopleSpec = keyed.peopleSpec.withMirroring(dev.stockroom.source.DeleteMode.HARD, null);
        assertSucceeded(sync(config));
        assertThat(query(config, LIVE + "crm.people ORDER BY id")).containsExactly(List.of("1", "ann", "live"));
    }

    @Test
    void changes_without_a_cursor_bump_and_deletions_arrive_with_the_weekly_reconciliation() throws Exception {
        keyed.members.put("1", KeyedTestSource.record("1", "ann", "2024-06-01T00:00:00Z"));
        keyed.members.put("2", KeyedTestSource.record("2", "ben", "2024-06-02T00:00:00Z"));
        keyed.members.put("3", KeyedTestSource.record("3", "cara", "2024-06-03T00:00:00Z"));
        StockroomConfig config = config(KEYED);
        assertSucceeded(sync(config, at("2024-06-15T10:00:00Z"), SyncOptions.incremental()));
        // A bulk edit that does not move updated_at, and a deletion the cursor cannot show.
        keyed.members.get("1").put("name", "ann (renamed)");
        keyed.members.remove("2");

        RunSummary nextDay = sync(config, at("2024-06-16T10:00:00Z"), SyncOptions.incremental());
        assertSucceeded(nextDay);
        assertThat(query(config, LIVE + "crm.members ORDER BY id")).containsExactly(List.of("1", "ann", "live"),
                List.of("2", "ben", "live"), List.of("3", "cara", "live"));
        assertThat(result(nextDay, "members").mode()).isEqualTo("incremental");

        RunSummary weekLater = sync(config, at("2024-06-22T10:00:00Z"), SyncOptions.incremental());

        assertSucceeded(weekLater);
        assertThat(result(weekLater, "members").mode()).isEqualTo("reconcile");
        assertThat(result(weekLater, "members").notes()).anySatisfy(n -> assertThat(n)
                .startsWith("reconciliation (every record): 2 records read, 1 rows marked deleted"));
        assertThat(query(config, LIVE + "crm.members ORDER BY id")).containsExactly(
                List.of("1", "ann (renamed)", "live"), List.of("2", "ben", "deleted"), List.of("3", "cara", "live"));
        assertThat(query(config, "SELECT COUNT(*) FROM stockroom.state WHERE stream = 'members'"
                + " AND reconciled_at IS NOT NULL")).containsExactly(List.of("1"));
        // The cursor is back where it was: the next run reads incrementally again.
        keyed.requests.clear();
        assertSucceeded(sync(config, at("2024-06-23T10:00:00Z"), SyncOptions.incremental()));
        assertThat(keyed.requests).filteredOn(r -> r.cursor() != null)
                .anySatisfy(r -> assertThat(r.cursor()).isEqualTo("2024-06-03T00:00:00Z"));
    }

    @Test
    void a_key_only_reconciliation_marks_deletions_without_rewriting_rows() throws Exception {
        keyed.membersSpec = keyed.membersSpec.withKeysReconcile();
        keyed.members.put("1", KeyedTestSource.record("1", "ann", "2024-06-01T00:00:00Z"));
        keyed.members.put("2", KeyedTestSource.record("2", "ben", "2024-06-02T00:00:00Z"));
        StockroomConfig config = config(KEYED);
        assertSucceeded(sync(config, at("2024-06-15T10:00:00Z"), SyncOptions.incremental()));
        keyed.members.remove("1");
        keyed.requests.clear();

        RunSummary run = sync(config, at("2024-06-23T10:00:00Z"), SyncOptions.incremental());

        assertSucceeded(run);
        assertThat(keyed.requests).filteredOn(r -> r.keysOnly()).hasSize(1);
        assertThat(result(run, "members").notes()).anySatisfy(n -> assertThat(n)
                .isEqualTo("reconciliation (every key): 1 keys read, 1 rows marked deleted"));
        assertThat(query(config, LIVE + "crm.members ORDER BY id")).containsExactly(List.of("1", "ann", "deleted"),
                List.of("2", "ben", "live"));
    }

    @Test
    void full_reconciles_a_deletion_an_incremental_run_cannot_see() throws Exception {
        keyed.members.put("1", KeyedTestSource.record("1", "ann", "2024-06-01T00:00:00Z"));
        keyed.members.put("2", KeyedTestSource.record("2", "ben", "2024-06-02T00:00:00Z"));
        StockroomConfig config = config(KEYED);
        assertSucceeded(sync(config));
        keyed.members.remove("1");
        assertSucceeded(sync(config));
        assertThat(query(config, "SELECT COUNT(*) FROM crm.members WHERE _deleted_at IS NOT NULL"))
                .containsExactly(List.of("0"));

        assertSucceeded(sync(config, NOON_JUNE_15, full()));

        assertThat(query(config, LIVE + "crm.members ORDER BY id")).extracting(r -> r.get(2))
                .containsExactly("deleted", "live");
    }

    @Test
    void a_vendor_delete_signal_marks_the_row_or_removes_it() throws Exception {
        keyed.members.put("1", KeyedTestSource.record("1", "ann", "2024-06-01T00:00:00Z"));
        keyed.members.put("2", KeyedTestSource.record("2", "ben", "2024-06-02T00:00:00Z"));
        StockroomConfig config = config(KEYED);
        assertSucceeded(sync(config));
        keyed.deleteSignals.add("1");
        assertSucceeded(sync(config));
        assertThat(query(config, LIVE + "crm.members ORDER BY id")).extracting(r -> r.get(2))
                .containsExactly("deleted", "live");

        keyed.membersSpec = keyed.membersSpec.withMirroring(dev.stockroom.source.DeleteMode.HARD, null);
        keyed.deleteSignals.add("2");
        assertSucceeded(sync(config));
        assertThat(query(config, "SELECT id FROM crm.members")).isEmpty();
    }

    @Test
    void a_read_that_fails_part_way_marks_nothing_and_full_then_reconciles() throws Exception {
        chunkRows = 1;
        for (int i = 1; i <= 4; i++) {
            keyed.members.put(String.valueOf(i), KeyedTestSource.record(String.valueOf(i), "m" + i,
                    "2024-06-0" + i + "T00:00:00Z"));
        }
        StockroomConfig config = config(KEYED);
        assertSucceeded(sync(config));
        keyed.members.remove("4");
        keyed.failAfter = 2;

        RunSummary failed = sync(config, NOON_JUNE_15, full());

        assertThat(result(failed, "members").failed()).isTrue();
        assertThat(query(config, "SELECT COUNT(*) FROM crm.members WHERE _deleted_at IS NOT NULL"))
                .containsExactly(List.of("0"));
        keyed.failAfter = -1;
        RunSummary complete = sync(config, NOON_JUNE_15, full());
        assertSucceeded(complete);
        assertThat(query(config, LIVE + "crm.members ORDER BY id")).extracting(r -> r.get(2))
                .containsExactly("live", "live", "live", "deleted");
    }

    @Test
    void an_all_null_first_chunk_then_timestamps_and_numbers_gives_typed_columns() throws Exception {
        chunkRows = 1;
        Map<String, Object> fresh = KeyedTestSource.record("1", "ann", "2024-06-01T00:00:00Z");
        fresh.put("last_seen_at", null);
        fresh.put("open_rate", null);
        Map<String, Object> later = KeyedTestSource.record("2", "ben", "2024-06-02T00:00:00Z");
        later.put("last_seen_at", Instant.parse("2024-06-10T08:30:00Z"));
        later.put("open_rate", new java.math.BigDecimal("0.42"));
        keyed.members.put("1", fresh);
        keyed.members.put("2", later);
        StockroomConfig config = config(KEYED);

        RunSummary run = sync(config);

        assertSucceeded(run);
        assertThat(query(config, "SELECT column_name, data_type FROM stockroom.columns WHERE table_name = 'members'"
                + " AND column_name IN ('last_seen_at', 'open_rate') ORDER BY column_name"))
                .containsExactly(List.of("last_seen_at", "timestamp"), List.of("open_rate", "decimal"));
        assertThat(query(config, "SELECT id FROM crm.members WHERE last_seen_at > TIMESTAMP '2024-06-01 00:00:00'"
                + " AND open_rate > 0.4")).containsExactly(List.of("2"));
        assertThat(query(config, "SELECT AVG(open_rate) FROM crm.members")).containsExactly(List.of("0.42"));
        assertThat(result(run, "members").notes()).contains(
                "column crm.members.last_seen_at converted from text to timestamp (it had held only nulls)");
    }

    @Test
    void a_text_column_that_cannot_convert_stays_text_and_says_why() throws Exception {
        keyed.people.put("1", KeyedTestSource.record("1", "ann", "2024-06-01T00:00:00Z"));
        keyed.people.get("1").put("seen", "yesterday");
        StockroomConfig config = config(KEYED);
        assertSucceeded(sync(config));
        keyed.people.get("1").put("seen", Instant.parse("2024-06-10T08:30:00Z"));

        RunSummary run = sync(config);

        assertSucceeded(run);
        assertThat(result(run, "people").notes()).anySatisfy(n -> assertThat(n)
                .startsWith("column crm.people.seen stays text: the source now sends timestamp values"));
        assertThat(query(config, "SELECT data_type FROM stockroom.columns WHERE column_name = 'seen'"))
                .containsExactly(List.of("string"));
        // Status shows it; the next chunk does not try again.
        Dialect dialect = Dialect.forUrl(config.warehouse(), config.baseDir(), "512MB");
        try (Warehouse w = Warehouse.openReadOnly(dialect)) {
            List<StreamStatus> status = new StatusReader(config, w, NOON_JUNE_15, c -> keyed.streams()).read();
            assertThat(status).filteredOn(s -> s.stream().equals("people")).singleElement()
                    .satisfies(s -> assertThat(s.notes()).anySatisfy(n -> assertThat(n).startsWith("column seen stays text")));
        }
        assertThat(result(sync(config), "people").notes()).noneSatisfy(n -> assertThat(n).contains("stays text"));
    }

    @Test
    void iso_strings_from_a_rest_source_become_timestamps_and_dates() throws Exception {
        try (dev.stockroom.source.http.ScriptedServer api = new dev.stockroom.source.http.ScriptedServer((request, n) ->
                dev.stockroom.source.http.ScriptedServer.Reply.json("{\"data\":[{\"id\":1,\"created_at\":"
                        + "\"2024-06-01T10:00:00Z\",\"ship_on\":\"2024-06-03\",\"code\":\"0012\"},"
                        + "{\"id\":2,\"created_at\":\"2024-06-02T11:30:00.250+02:00\",\"ship_on\":null,"
                        + "\"code\":\"A7\"}]}"))) {
            StockroomConfig config = config("  - name: shop\n    type: rest\n    base_url: \"" + api.url("/v1")
                    + "\"\n    streams:\n      - {name: orders, path: /orders, records: \"$.data\", primary_key: id}\n");
            assertSucceeded(sync(config));
            assertThat(query(config, "SELECT column_name, data_type FROM stockroom.columns WHERE table_name = 'orders'"
                    + " ORDER BY column_name")).contains(List.of("created_at", "timestamp"), List.of("ship_on", "date"),
                    List.of("code", "string"));
            assertThat(query(config, "SELECT id FROM shop.orders WHERE created_at < TIMESTAMP '2024-06-02 09:30:00'"
                    + " ORDER BY id")).containsExactly(List.of("1"));
        }
    }


    @Test
    void jsonb_and_json_from_a_jdbc_source_become_json_columns() throws Exception {
        String site = dev.stockroom.testing.TestDatabases.postgresUrl();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(site); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE members (id int PRIMARY KEY, prefs jsonb, extra json)");
            s.execute("INSERT INTO members VALUES (1, '{\"theme\": \"dark\", \"n\": 2}', '[1, 2]')");
        }
        StockroomConfig config = config("  - name: site\n    type: jdbc\n    url: \"" + site + "\"\n    streams:\n"
                + "      - {name: members, table: members, primary_key: id}\n");
        assertSucceeded(sync(config));
        assertThat(query(config, "SELECT column_name, data_type FROM stockroom.columns WHERE table_name = 'members'"
                + " AND column_name IN ('prefs', 'extra') ORDER BY column_name"))
                .containsExactly(List.of("extra", "json"), List.of("prefs", "json"));
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
