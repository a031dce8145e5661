package dev.stockroom.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * End-to-end load benchmark: Stockroom against each engine's own bulk-load path ("the limit"),
 * against a one-insert-per-row script, and a large load under a small heap. See {@code bench/run --help}.
 *
 * <p>Stockroom runs as the user runs it: {@code java -jar target/stockroom.jar sync} in a child
 * process per load, timed from start to exit (JVM start-up included), its peak RSS polled from
 * {@code /proc/PID/status} (VmHWM) and its peak heap read from its {@code -Xlog:gc} log. Every
 * load gets a fresh DuckDB file, PostgreSQL database or MariaDB database.
 */
public final class LoadBenchmark {

    static final String USAGE = """
            Usage: bench/run [options]

            Generates a deterministic web-events dataset (CSV + NDJSON, in a temp folder that is deleted
            afterwards), serves the NDJSON as a paginated local JSON API, and measures side by side
            (median of --repeat runs, each on a fresh database):
              * files -> DuckDB / PostgreSQL / MariaDB: Stockroom `sync` against the engine's own bulk load
                into the same keyed table (DuckDB INSERT ... SELECT FROM read_csv, psql \\copy,
                LOAD DATA LOCAL INFILE), and a re-run of the same files (`sync --full`, every row exists);
              * rest source from the local API -> DuckDB and PostgreSQL;
              * a one-INSERT-per-row autocommitted upsert script on --per-row-rows rows, extrapolated;
              * --big-rows rows -> DuckDB with -Xmx256m: peak heap and peak RSS.

            Options:
              --rows N            rows of the main dataset (default 1000000)
              --repeat K          runs per case; the median is reported (default 3)
              --big-rows N        rows of the memory case (default 5000000)
              --quick             skip the memory case
              --mariadb-repeat K  runs of the MariaDB cases (default 1: one run of them takes ~3 minutes here)
              --per-row-rows N    rows the per-row script inserts into PostgreSQL before extrapolating (default 50000)
              --per-row-rows-duckdb N  the same for DuckDB (default 5000: at ~170 commits/s here, 50000 take 5 minutes)
              --engines LIST      comma list of duckdb,postgres,mariadb (default: all)
              --cases LIST        comma list of files,rest,perrow,big (default: all)
              --pg HOST:PORT:USER PostgreSQL server (default 127.0.0.1:5432:postgres; password from PGPASSWORD)
              --mysql HOST:PORT:USER  MariaDB server (default 127.0.0.1:3306:root; password from MYSQL_PWD)
              --child-opts "..."  extra JVM options for the Stockroom processes (e.g. a JFR recording)
              --workdir DIR       where the data and databases go (default: a new temp folder)
              --keep              keep the work folder
              --help              this text

            A server that cannot be reached is skipped, and the table says so. On MariaDB the benchmark
            creates and drops databases named bench_* and the bench_*__* databases of their projects.
            """;

    private final Options o;
    private final PrintStream log = System.err;
    private final List<Result> results = new ArrayList<>();
    private final Map<String, String> skipped = new LinkedHashMap<>();
    private final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    private int serial;
    private String loadAtStart = loadAverage();

    private LoadBenchmark(Options o) {
        this.o = o;
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (o.help) {
            System.out.print(USAGE);
            return;
        }
        new LoadBenchmark(o).run();
        System.exit(0);
    }

    // ----------------------------------------------------------------------------------------------
    // Options and results

    static final class Options {
        long rows = 1_000_000;
        int repeat = 3;
        long bigRows = 5_000_000;
        boolean quick;
        long perRowRows = 50_000;
        long perRowRowsDuckDb = 5_000;
        int mariadbRepeat = 1;
        Set<String> engines = new LinkedHashSet<>(List.of("duckdb", "postgres", "mariadb"));
        Set<String> cases = new LinkedHashSet<>(List.of("files", "rest", "perrow", "big"));
        String[] pg = {"127.0.0.1", "5432", "postgres"};
        String[] mysql = {"127.0.0.1", "3306", "root"};
        List<String> childOpts = new ArrayList<>();
        Path workdir;
        boolean keep;
        boolean help;
        Path jar = Path.of("target", "stockroom.jar");

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--help", "-h" -> o.help = true;
                    case "--quick" -> o.quick = true;
                    case "--keep" -> o.keep = true;
                    case "--rows" -> o.rows = positive(a, value(args, ++i, a));
                    case "--repeat" -> o.repeat = (int) positive(a, value(args, ++i, a));
                    case "--big-rows" -> o.bigRows = positive(a, value(args, ++i, a));
                    case "--per-row-rows" -> o.perRowRows = positive(a, value(args, ++i, a));
                    case "--mariadb-repeat" -> o.mariadbRepeat = (int) positive(a, value(args, ++i, a));
                    case "--per-row-rows-duckdb" -> o.perRowRowsDuckDb = positive(a, value(args, ++i, a));
                    case "--engines" -> o.engines = list(value(args, ++i, a), Set.of("duckdb", "postgres", "mariadb"), a);
                    case "--cases" -> o.cases = list(value(args, ++i, a), Set.of("files", "rest", "perrow", "big"), a);
                    case "--pg" -> o.pg = server(value(args, ++i, a), a);
                    case "--mysql" -> o.mysql = server(value(args, ++i, a), a);
                    case "--child-opts" -> o.childOpts.addAll(Arrays.asList(value(args, ++i, a).trim().split("\\s+")));
                    case "--workdir" -> o.workdir = Path.of(value(args, ++i, a));
                    case "--jar" -> o.jar = Path.of(value(args, ++i, a));
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            o.childOpts.removeIf(String::isEmpty);
            return o;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static long positive(String option, String text) {
            try {
                long v = Long.parseLong(text.replace("_", ""));
                if (v > 0) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // fall through
            }
            throw new IllegalArgumentException(option + " needs a positive whole number, not '" + text + "'");
        }

        private static Set<String> list(String text, Set<String> allowed, String option) {
            Set<String> out = new LinkedHashSet<>();
            for (String s : text.split(",")) {
                String v = s.trim().toLowerCase(Locale.ROOT);
                if (!allowed.contains(v)) {
                    throw new IllegalArgumentException(option + ": '" + v + "' is not one of " + allowed);
                }
                out.add(v);
            }
            return out;
        }

        private static String[] server(String text, String option) {
            String[] parts = text.split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException(option + " takes HOST:PORT:USER");
            }
            return parts;
        }
    }

    /** One line of the table. */
    static final class Result {
        final String engine;
        final String name;
        final long rows;
        final List<Double> samples;
        final String memory;
        final boolean extrapolated;
        String note = "";
        Double limitSeconds;
        String goal = "";

        Result(String engine, String name, long rows, List<Double> samples, String memory, boolean extrapolated) {
            this.engine = engine;
            this.name = name;
            this.rows = rows;
            this.samples = samples;
            this.memory = memory;
            this.extrapolated = extrapolated;
        }

        double seconds() {
            List<Double> sorted = new ArrayList<>(samples);
            sorted.sort(Comparator.naturalOrder());
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        double rowsPerSecond() {
            return rows / seconds();
        }
    }

    /** Peak memory of a child process. */
    record Memory(long heapMb, long rssMb) {
        @Override
        public String toString() {
            return (heapMb < 0 ? "heap ?" : "heap " + heapMb + " MB") + ", RSS " + rssMb + " MB";
        }
    }

    // ----------------------------------------------------------------------------------------------
    // The run

    private void run() throws Exception {
        Path work = o.workdir != null ? Files.createDirectories(o.workdir) : Files.createTempDirectory("stockroom-bench-");
        log.printf("bench: work folder %s; %d rows, %d runs per case; %d cores, max heap of this JVM %d MB%n",
                work, o.rows, o.repeat, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        if (!Files.isRegularFile(o.jar)) {
            throw new IllegalStateException(o.jar + " is missing; run `mvn -DskipTests package` (bench/run does)");
        }
        try {
            Path csv = work.resolve("events.csv");
            Path ndjson = work.resolve("events.ndjson");
            long t0 = System.nanoTime();
            Dataset.write(o.rows, csv, o.cases.contains("rest") ? ndjson : null);
            log.printf("bench: generated %s (%d MB)%s in %.1fs%n", csv.getFileName(), Files.size(csv) >> 20,
                    Files.exists(ndjson) ? " and events.ndjson (" + (Files.size(ndjson) >> 20) + " MB)" : "",
                    secondsSince(t0));

            List<Engine> engines = new ArrayList<>();
            for (String name : o.engines) {
                Engine e = switch (name) {
                    case "duckdb" -> new DuckDb(work);
                    case "postgres" -> new Postgres();
                    default -> new MariaDb();
                };
                String problem = e.unavailable();
                if (problem != null) {
                    skipped.put(e.label(), problem);
                    log.println("bench: skipping " + e.label() + ": " + problem);
                } else {
                    engines.add(e);
                }
            }

            if (o.cases.contains("files")) {
                for (Engine e : engines) {
                    filesCases(e, work, csv);
                }
            }
            if (o.cases.contains("rest")) {
                try (PagedApi api = new PagedApi(ndjson, 10_000)) {
                    for (Engine e : engines) {
                        if (e instanceof MariaDb) {
                            continue;
                        }
                        restCase(e, work, api);
                    }
                }
            }
            if (o.cases.contains("perrow")) {
                for (Engine e : engines) {
                    if (e instanceof MariaDb) {
                        continue;
                    }
                    perRowCase(e);
                }
            }
            if (o.cases.contains("big")) {
                if (o.quick) {
                    skipped.put("memory case (" + o.bigRows + " rows, -Xmx256m)", "--quick");
                } else if (engines.stream().noneMatch(e -> e instanceof DuckDb)) {
                    skipped.put("memory case", "it loads into DuckDB, which is not among --engines");
                } else {
                    bigCase(engines.stream().filter(e -> e instanceof DuckDb).findFirst().orElseThrow(), work);
                }
            }
        } finally {
            if (!o.keep) {
                deleteTree(work);
            }
        }
        judge();
        print(System.out);
    }

    private void filesCases(Engine e, Path work, Path csv) throws Exception {
        List<Double> limit = new ArrayList<>();
        List<Double> first = new ArrayList<>();
        List<Double> rerun = new ArrayList<>();
        List<Memory> firstMemory = new ArrayList<>();
        List<Memory> rerunMemory = new ArrayList<>();
        String failure = null;
        int runs = e instanceof MariaDb ? o.mariadbRepeat : o.repeat;
        for (int i = 0; i < runs && failure == null; i++) {
            try {
                Target t = e.fresh("limit");
                try {
                    double s = e.limitLoad(t, csv);
                    expectRows(e, t, "events", o.rows);
                    limit.add(s);
                    log.printf("bench: %s limit run %d: %.2fs%n", e.label(), i + 1, s);
                } finally {
                    e.dispose(t);
                }
                t = e.fresh("files");
                try {
                    Path yml = config(work, e, t, filesSource(t.source(), csv));
                    Child c = stockroom(work, yml, List.of(), false);
                    expectRows(e, t, t.source() + ".events", o.rows);
                    first.add(c.seconds);
                    firstMemory.add(c.memory);
                    log.printf("bench: %s stockroom first load run %d: %.2fs, %s%n", e.label(), i + 1, c.seconds, c.memory);
                    c = stockroom(work, yml, List.of(), true);
                    expectRows(e, t, t.source() + ".events", o.rows);
                    rerun.add(c.seconds);
                    rerunMemory.add(c.memory);
                    log.printf("bench: %s stockroom re-run %d: %.2fs, %s%n", e.label(), i + 1, c.seconds, c.memory);
                } finally {
                    e.dispose(t);
                }
            } catch (Exception ex) {
                failure = ex.getMessage();
                log.println("bench: " + e.label() + " files case failed: " + ex);
            }
        }
        if (failure != null) {
            skipped.put(e.label() + " files cases", "failed: " + failure);
            return;
        }
        results.add(new Result(e.label(), e.limitName(), o.rows, limit, "-", false));
        results.add(new Result(e.label(), "stockroom files, first load", o.rows, first, peak(firstMemory), false));
        results.add(new Result(e.label(), "stockroom files, re-run (--full, all rows exist)", o.rows, rerun,
                peak(rerunMemory), false));
    }

    private void restCase(Engine e, Path work, PagedApi api) {
        List<Double> samples = new ArrayList<>();
        List<Memory> memory = new ArrayList<>();
        try {
            for (int i = 0; i < o.repeat; i++) {
                Target t = e.fresh("rest");
                try {
                    Path yml = config(work, e, t, restSource(t.source(), api.baseUrl()));
                    Child c = stockroom(work, yml, List.of(), false);
                    expectRows(e, t, t.source() + ".events", o.rows);
                    samples.add(c.seconds);
                    memory.add(c.memory);
                    log.printf("bench: %s stockroom rest run %d: %.2fs, %s%n", e.label(), i + 1, c.seconds, c.memory);
                } finally {
                    e.dispose(t);
                }
            }
        } catch (Exception ex) {
            log.println("bench: " + e.label() + " rest case failed: " + ex);
            skipped.put(e.label() + " rest case", "failed: " + ex.getMessage());
            return;
        }
        results.add(new Result(e.label(), "stockroom rest API (10,000 a page), first load", o.rows, samples,
                peak(memory), false));
    }

    private void perRowCase(Engine e) {
        long n = Math.min(e instanceof DuckDb ? o.perRowRowsDuckDb : o.perRowRows, o.rows);
        List<Double> samples = new ArrayList<>();
        try {
            // The per-row script is the slow one: one run unless asked for more, to keep the whole under 10 minutes.
            int runs = o.repeat >= 3 ? 1 : o.repeat;
            for (int i = 0; i < runs; i++) {
                Target t = e.fresh("perrow");
                try {
                    double s = e.perRow(t, n);
                    expectRows(e, t, "events", n);
                    samples.add(s * o.rows / n);
                    log.printf("bench: %s per-row script run %d: %d rows in %.2fs (%.0f rows/s)%n", e.label(), i + 1,
                            n, s, n / s);
                } finally {
                    e.dispose(t);
                }
            }
        } catch (Exception ex) {
            log.println("bench: " + e.label() + " per-row case failed: " + ex);
            skipped.put(e.label() + " per-row script", "failed: " + ex.getMessage());
            return;
        }
        Result r = new Result(e.label(), "per-row INSERT ON CONFLICT, autocommit (" + n + " rows, extrapolated)",
                o.rows, samples, "-", true);
        r.note = samples.size() == 1 ? "1 run" : "";
        results.add(r);
    }

    private void bigCase(Engine e, Path work) throws Exception {
        Path big = work.resolve("big.csv");
        long t0 = System.nanoTime();
        Dataset.write(o.bigRows, big, null);
        log.printf("bench: generated %s (%d MB) in %.1fs%n", big.getFileName(), Files.size(big) >> 20, secondsSince(t0));
        Target t = e.fresh("big");
        try {
            Path yml = config(work, e, t, filesSource(t.source(), big));
            Child c = stockroom(work, yml, List.of("-Xmx256m"), false);
            expectRows(e, t, t.source() + ".events", o.bigRows);
            log.printf("bench: %s big load: %.2fs, %s%n", e.label(), c.seconds, c.memory);
            Result r = new Result(e.label(), "stockroom files, " + o.bigRows + " rows, -Xmx256m", o.bigRows,
                    List.of(c.seconds), c.memory.toString(), false);
            r.note = "1 run";
            results.add(r);
            r.goal = "RSS <= 1 GB: " + (c.memory.rssMb <= 1024 ? "yes" : "NO") + " (" + c.memory.rssMb + " MB)";
        } catch (Exception ex) {
            log.println("bench: big case failed: " + ex);
            skipped.put("memory case", "failed: " + ex.getMessage());
        } finally {
            e.dispose(t);
            Files.deleteIfExists(big);
        }
    }

    // ----------------------------------------------------------------------------------------------
    // Stockroom in a child process

    record Child(double seconds, Memory memory) {
    }

    private Child stockroom(Path work, Path yml, List<String> jvm, boolean full) throws Exception {
        Path gcLog = work.resolve("gc-" + (++serial) + ".log");
        Path out = work.resolve("stockroom-" + serial + ".out");
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(jvm);
        cmd.add("-Xlog:gc,gc+heap+exit:file=" + gcLog);
        cmd.addAll(o.childOpts);
        cmd.addAll(List.of("-jar", o.jar.toString(), "sync", "--config", yml.toString(), "-q"));
        if (full) {
            cmd.add("--full");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        long rssKb = pollPeakRss(p);
        double seconds = secondsSince(t0);
        int exit = p.exitValue();
        String output = Files.readString(out);
        if (exit != 0) {
            throw new IllegalStateException("stockroom sync exited " + exit + ": " + tail(output));
        }
        Memory m = new Memory(peakHeapMb(gcLog), rssKb >> 10);
        Files.deleteIfExists(gcLog);
        Files.deleteIfExists(out);
        return new Child(seconds, m);
    }

    private static final Pattern VMHWM = Pattern.compile("VmHWM:\\s+(\\d+) kB");

    /** Waits for the process, polling its peak RSS every 20 ms; returns the last peak seen (kB). */
    static long pollPeakRss(Process p) throws InterruptedException {
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        long peak = 0;
        while (!p.waitFor(20, TimeUnit.MILLISECONDS)) {
            try {
                Matcher m = VMHWM.matcher(Files.readString(status));
                if (m.find()) {
                    peak = Math.max(peak, Long.parseLong(m.group(1)));
                }
            } catch (IOException e) {
                // the process ended between the check and the read
            }
        }
        return peak;
    }

    private static final Pattern GC_BEFORE = Pattern.compile("(\\d+)M->\\d+M\\(\\d+M\\)");
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    /** The largest heap occupancy the GC log shows: before any collection, or at exit. */
    static long peakHeapMb(Path gcLog) throws IOException {
        if (!Files.exists(gcLog)) {
            return -1;
        }
        long peak = -1;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_BEFORE.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, Long.parseLong(m.group(1)));
            }
            m = HEAP_USED.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, Long.parseLong(m.group(1)) >> 10);
            }
        }
        return peak;
    }

    private static String peak(List<Memory> memories) {
        long heap = memories.stream().mapToLong(Memory::heapMb).max().orElse(-1);
        long rss = memories.stream().mapToLong(Memory::rssMb).max().orElse(-1);
        return new Memory(heap, rss).toString();
    }

    private static String filesSource(String name, Path csv) {
        return "  - name: " + name + "\n    type: files\n    streams:\n      - name: events\n        path: \""
                + csv.toAbsolutePath() + "\"\n        primary_key: event_id\n";
    }

    private static String restSource(String name, String baseUrl) {
        return "  - name: " + name + "\n    type: rest\n    base_url: \"" + baseUrl + "\"\n    streams:\n"
                + "      - name: events\n        path: /events\n        params:\n          limit: \"10000\"\n"
                + "        records: \"$.data\"\n        primary_key: event_id\n        paginate:\n"
                + "          type: cursor\n          param: cursor\n          cursor_path: \"$.next_cursor\"\n";
    }

    private Path config(Path work, Engine e, Target t, String source) throws IOException {
        Path yml = work.resolve("stockroom-" + t.source() + ".yml");
        Files.writeString(yml, "warehouse: \"" + e.warehouseUrl(t) + "\"\ntimezone: UTC\nsources:\n" + source);
        return yml;
    }

    private void expectRows(Engine e, Target t, String table, long expected) throws SQLException {
        long n = e.count(t, table);
        if (n != expected) {
            throw new IllegalStateException(e.label() + " " + table + " has " + n + " rows, expected " + expected);
        }
    }

    // ----------------------------------------------------------------------------------------------
    // Engines

    /** Where one case's rows go: a fresh DuckDB file or database, and the source (schema) name. */
    record Target(String database, String source) {
    }

    abstract class Engine {
        abstract String label();

        abstract String limitName();

        /** Why the engine cannot be benchmarked here, or null. */
        abstract String unavailable();

        abstract Target fresh(String kind) throws Exception;

        abstract void dispose(Target t);

        abstract String warehouseUrl(Target t);

        abstract Connection connect(Target t) throws SQLException;

        abstract String keyedTable();

        abstract double limitLoad(Target t, Path csv) throws Exception;

        long count(Target t, String table) throws SQLException {
            try (Connection c = connect(t); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        }

        /** The hand-written cron script: one autocommitted upsert per row. Returns seconds. */
        double perRow(Target t, long n) throws Exception {
            try (Connection c = connect(t)) {
                try (Statement s = c.createStatement()) {
                    s.execute(keyedTable());
                }
                c.setAutoCommit(true);
                String sql = "INSERT INTO events (event_id, ts, day, page, title, source, medium, country, device,"
                        + " session_id, user_id, engagement_ms, revenue) VALUES (?, CAST(? AS TIMESTAMPTZ),"
                        + " CAST(? AS DATE), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO UPDATE SET"
                        + " ts = excluded.ts, day = excluded.day, page = excluded.page, title = excluded.title,"
                        + " source = excluded.source, medium = excluded.medium, country = excluded.country,"
                        + " device = excluded.device, session_id = excluded.session_id, user_id = excluded.user_id,"
                        + " engagement_ms = excluded.engagement_ms, revenue = excluded.revenue";
                Dataset.Generator g = new Dataset.Generator();
                long t0 = System.nanoTime();
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (long i = 0; i < n; i++) {
                        Dataset.Row r = g.next();
                        ps.setString(1, r.eventId);
                        ps.setString(2, r.ts);
                        ps.setString(3, r.day);
                        ps.setString(4, r.page);
                        ps.setString(5, r.title);
                        ps.setString(6, r.source);
                        ps.setString(7, r.medium);
                        ps.setString(8, r.country);
                        ps.setString(9, r.device);
                        ps.setString(10, r.sessionId);
                        if (r.userId == null) {
                            ps.setNull(11, Types.BIGINT);
                        } else {
                            ps.setLong(11, r.userId);
                        }
                        ps.setLong(12, r.engagementMs);
                        if (r.revenue == null) {
                            ps.setNull(13, Types.DECIMAL);
                        } else {
                            ps.setBigDecimal(13, r.revenueValue());
                        }
                        ps.executeUpdate();
                    }
                }
                return secondsSince(t0);
            }
        }
    }

    final class DuckDb extends Engine {
        private final Path folder;

        DuckDb(Path work) {
            this.folder = work.resolve("duckdb");
        }

        @Override
        String label() {
            return "DuckDB";
        }

        @Override
        String limitName() {
            return "limit: INSERT INTO keyed SELECT * FROM read_csv (JDBC)";
        }

        @Override
        String unavailable() {
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
                return null;
            } catch (SQLException e) {
                return "the DuckDB JDBC driver does not load: " + e.getMessage();
            }
        }

        @Override
        Target fresh(String kind) throws IOException {
            Files.createDirectories(folder);
            // The file is not named like the source: DuckDB calls a database by its file name, and a schema
            // of the same name would be ambiguous.
            String name = "warehouse_" + kind + "_" + (++serial);
            return new Target(folder.resolve(name + ".duckdb").toString(), "bench_" + kind);
        }

        @Override
        void dispose(Target t) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path p : files.toList()) {
                    if (p.getFileName().toString().startsWith(Path.of(t.database()).getFileName() + ".")
                            || p.getFileName().toString().equals(Path.of(t.database()).getFileName().toString())) {
                        deleteTree(p);
                    }
                }
            } catch (IOException e) {
                log.println("bench: cannot delete " + t.database() + ": " + e.getMessage());
            }
        }

        @Override
        String warehouseUrl(Target t) {
            return "duckdb:" + t.database();
        }

        @Override
        Connection connect(Target t) throws SQLException {
            Connection c = DriverManager.getConnection("jdbc:duckdb:" + t.database());
            try (Statement s = c.createStatement()) {
                s.execute("SET TimeZone = 'UTC'");
            }
            return c;
        }

        @Override
        String keyedTable() {
            return "CREATE TABLE events (event_id VARCHAR NOT NULL PRIMARY KEY, ts TIMESTAMPTZ, day DATE, page VARCHAR,"
                    + " title VARCHAR, source VARCHAR, medium VARCHAR, country VARCHAR, device VARCHAR,"
                    + " session_id VARCHAR, user_id BIGINT, engagement_ms BIGINT, revenue DECIMAL(38,9))";
        }

        @Override
        double limitLoad(Target t, Path csv) throws SQLException {
            try (Connection c = connect(t); Statement s = c.createStatement()) {
                s.execute(keyedTable());
                long t0 = System.nanoTime();
                s.execute("INSERT INTO events SELECT * FROM read_csv('" + csv.toAbsolutePath() + "', header = true,"
                        + " columns = {'event_id': 'VARCHAR', 'ts': 'TIMESTAMPTZ', 'day': 'DATE', 'page': 'VARCHAR',"
                        + " 'title': 'VARCHAR', 'source': 'VARCHAR', 'medium': 'VARCHAR', 'country': 'VARCHAR',"
                        + " 'device': 'VARCHAR', 'session_id': 'VARCHAR', 'user_id': 'BIGINT',"
                        + " 'engagement_ms': 'BIGINT', 'revenue': 'DECIMAL(38,9)'})");
                return secondsSince(t0);
            }
        }
    }

    final class Postgres extends Engine {
        private final String host = o.pg[0];
        private final String port = o.pg[1];
        private final String user = o.pg[2];

        @Override
        String label() {
            return "PostgreSQL";
        }

        @Override
        String limitName() {
            return "limit: psql \\copy ... (FORMAT csv)";
        }

        private String url(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?user=" + user;
        }

        @Override
        String unavailable() {
            try (Connection c = DriverManager.getConnection(url("postgres"), password("PGPASSWORD"))) {
                // reachable
            } catch (SQLException e) {
                return "PostgreSQL at " + host + ":" + port + " not reachable (" + e.getMessage() + ")";
            }
            try {
                Process p = new ProcessBuilder("psql", "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor() != 0) {
                    return "psql does not run";
                }
            } catch (IOException | InterruptedException e) {
                return "the psql client is not installed (needed for the \\copy limit)";
            }
            return null;
        }

        @Override
        Target fresh(String kind) throws SQLException {
            String name = "stockroom_bench_" + kind + "_" + ProcessHandle.current().pid() + "_" + (++serial);
            try (Connection c = DriverManager.getConnection(url("postgres"), password("PGPASSWORD"));
                 Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            return new Target(name, "bench_" + kind);
        }

        @Override
        void dispose(Target t) {
            try (Connection c = DriverManager.getConnection(url("postgres"), password("PGPASSWORD"));
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + t.database() + " WITH (FORCE)");
            } catch (SQLException e) {
                log.println("bench: cannot drop " + t.database() + ": " + e.getMessage());
            }
        }

        @Override
        String warehouseUrl(Target t) {
            return url(t.database());
        }

        @Override
        Connection connect(Target t) throws SQLException {
            return DriverManager.getConnection(url(t.database()), password("PGPASSWORD"));
        }

        @Override
        String keyedTable() {
            return "CREATE TABLE events (event_id text NOT NULL PRIMARY KEY, ts timestamptz, day date, page text,"
                    + " title text, source text, medium text, country text, device text, session_id text,"
                    + " user_id bigint, engagement_ms bigint, revenue numeric)";
        }

        @Override
        double limitLoad(Target t, Path csv) throws Exception {
            try (Connection c = connect(t); Statement s = c.createStatement()) {
                s.execute(keyedTable());
            }
            long t0 = System.nanoTime();
            run(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", port, "-U", user, "-d",
                    t.database(), "-c", "\\copy events FROM '" + csv.toAbsolutePath() + "' WITH (FORMAT csv, HEADER true)"));
            return secondsSince(t0);
        }
    }

    final class MariaDb extends Engine {
        private final String host = o.mysql[0];
        private final String port = o.mysql[1];
        private final String user = o.mysql[2];
        private boolean client;

        @Override
        String label() {
            return "MariaDB";
        }

        @Override
        String limitName() {
            return client ? "limit: mariadb --local-infile LOAD DATA LOCAL INFILE" : "limit: LOAD DATA LOCAL INFILE (JDBC)";
        }

        private String url(String database) {
            return "jdbc:mariadb://" + host + ":" + port + "/" + database + "?user=" + user;
        }

        @Override
        String unavailable() {
            try (Connection c = DriverManager.getConnection(url(""), password("MYSQL_PWD"))) {
                // reachable
            } catch (SQLException e) {
                return "MariaDB at " + host + ":" + port + " not reachable (" + e.getMessage() + ")";
            }
            try {
                Process p = new ProcessBuilder("mariadb", "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                client = p.waitFor() == 0;
            } catch (IOException | InterruptedException e) {
                client = false;
            }
            return null;
        }

        @Override
        Target fresh(String kind) throws SQLException {
            String name = "bench_" + kind + "_" + ProcessHandle.current().pid() + "_" + (++serial);
            try (Connection c = DriverManager.getConnection(url(""), password("MYSQL_PWD"));
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS `" + name + "`");
                s.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4");
            }
            // The limits load into this database; Stockroom's source lands beside it, in name__bench_kind.
            return new Target(name, "bench_" + kind);
        }

        @Override
        void dispose(Target t) {
            try (Connection c = DriverManager.getConnection(url(""), password("MYSQL_PWD"));
                 Statement s = c.createStatement()) {
                List<String> project = new ArrayList<>(List.of(t.database()));
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE ?")) {
                    ps.setString(1, dev.stockroom.warehouse.Namespace.prefixed(t.database()).likePattern());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            project.add(rs.getString(1));
                        }
                    }
                }
                for (String name : project) {
                    s.execute("DROP DATABASE IF EXISTS `" + name + "`");
                }
            } catch (SQLException e) {
                log.println("bench: cannot drop " + t.database() + ": " + e.getMessage());
            }
        }

        @Override
        String warehouseUrl(Target t) {
            return url(t.database());
        }

        @Override
        Connection connect(Target t) throws SQLException {
            return DriverManager.getConnection(url(t.database()), password("MYSQL_PWD"));
        }

        @Override
        long count(Target t, String table) throws SQLException {
            // Stockroom's schema.table is the database project__schema (see Namespace).
            String qualified = table.contains(".")
                    ? "`" + dev.stockroom.warehouse.Namespace.prefixed(t.database()).schema(table.substring(0,
                    table.indexOf('.'))) + "`.`" + table.substring(table.indexOf('.') + 1) + "`"
                    : "`" + table + "`";
            try (Connection c = connect(t); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + qualified)) {
                rs.next();
                return rs.getLong(1);
            }
        }

        @Override
        String keyedTable() {
            return "CREATE TABLE events (event_id VARCHAR(255) NOT NULL PRIMARY KEY, ts DATETIME(6), day DATE,"
                    + " page LONGTEXT, title LONGTEXT, source LONGTEXT, medium LONGTEXT, country LONGTEXT,"
                    + " device LONGTEXT, session_id LONGTEXT, user_id BIGINT, engagement_ms BIGINT,"
                    + " revenue DECIMAL(38,9))";
        }

        @Override
        double limitLoad(Target t, Path csv) throws Exception {
            try (Connection c = connect(t); Statement s = c.createStatement()) {
                s.execute(keyedTable());
            }
            String load = "LOAD DATA LOCAL INFILE '" + csv.toAbsolutePath() + "' INTO TABLE events CHARACTER SET utf8mb4"
                    + " FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' ESCAPED BY '' LINES TERMINATED BY '\\n'"
                    + " IGNORE 1 LINES (event_id, @ts, day, page, title, source, medium, country, device, session_id,"
                    + " @user_id, engagement_ms, @revenue) SET ts = STR_TO_DATE(@ts, '%Y-%m-%dT%H:%i:%s.%fZ'),"
                    + " user_id = NULLIF(@user_id, ''), revenue = NULLIF(@revenue, '')";
            long t0 = System.nanoTime();
            if (client) {
                run(List.of("mariadb", "--local-infile=1", "-h", host, "-P", port, "-u", user, t.database(), "-e", load));
            } else {
                java.util.Properties p = password("MYSQL_PWD");
                p.setProperty("allowLocalInfile", "true");
                try (Connection c = DriverManager.getConnection(url(t.database()), p); Statement s = c.createStatement()) {
                    s.execute(load);
                }
            }
            return secondsSince(t0);
        }

        @Override
        double perRow(Target t, long n) {
            throw new UnsupportedOperationException();
        }
    }

    private static java.util.Properties password(String env) {
        java.util.Properties p = new java.util.Properties();
        String pw = System.getenv(env);
        if (pw != null) {
            p.setProperty("password", pw);
        }
        return p;
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(cmd.get(0) + " exited " + p.exitValue() + ": " + tail(out));
        }
    }

    // ----------------------------------------------------------------------------------------------
    // Goals and the table

    private Result find(String engine, String prefix) {
        return results.stream().filter(r -> r.engine.equals(engine) && r.name.startsWith(prefix)).findFirst().orElse(null);
    }

    private void judge() {
        for (Result r : results) {
            Result limit = find(r.engine, "limit:");
            if (limit != null && r != limit && r.rows == o.rows) {
                r.limitSeconds = limit.seconds();
            }
        }
        goalVsLimit("DuckDB", 1.5);
        goalVsLimit("PostgreSQL", 1.3);
        for (String engine : List.of("DuckDB", "PostgreSQL", "MariaDB")) {
            Result first = find(engine, "stockroom files, first");
            Result rerun = find(engine, "stockroom files, re-run");
            if (first != null && rerun != null) {
                double x = rerun.seconds() / first.seconds();
                rerun.goal = String.format("<= 0.7x first load: %s (%.2fx)", x <= 0.7 ? "yes" : "NO", x);
            }
        }
        Result rest = find("DuckDB", "stockroom rest");
        if (rest != null) {
            rest.goal = String.format(">= 100,000 rows/s: %s", rest.rowsPerSecond() >= 100_000 ? "yes" : "NO");
        }
        perRowGoal("PostgreSQL", 50);
        perRowGoal("DuckDB", 1000);
    }

    private void goalVsLimit(String engine, double max) {
        Result first = find(engine, "stockroom files, first");
        if (first != null && first.limitSeconds != null) {
            double x = first.seconds() / first.limitSeconds;
            first.goal = String.format("<= %.1fx limit: %s", max, x <= max ? "yes" : "NO");
        }
    }

    private void perRowGoal(String engine, double factor) {
        Result perRow = find(engine, "per-row");
        Result first = find(engine, "stockroom files, first");
        if (perRow != null && first != null) {
            double x = perRow.seconds() / first.seconds();
            perRow.goal = String.format("stockroom >= %.0fx faster: %s (%.0fx)", factor, x >= factor ? "yes" : "NO", x);
        }
    }

    private void print(PrintStream out) {
        String[] head = {"engine", "case", "seconds", "rows/s", "x limit", "peak memory", "goal"};
        List<String[]> rows = new ArrayList<>();
        for (Result r : results) {
            String seconds = String.format("%.2f", r.seconds()) + (r.extrapolated ? "*" : "");
            String samples = r.samples.size() > 1 ? "" : " (" + (r.note.isEmpty() ? "1 run" : r.note) + ")";
            rows.add(new String[] {r.engine, r.name + samples, seconds, String.format("%,.0f", r.rowsPerSecond()),
                r.limitSeconds == null ? (r.name.startsWith("limit:") ? "1.00" : "-")
                        : String.format("%.2f", r.seconds() / r.limitSeconds),
                r.memory, r.goal});
        }
        int[] width = new int[head.length];
        for (int i = 0; i < head.length; i++) {
            width[i] = head[i].length();
            for (String[] row : rows) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        out.println();
        out.printf("Stockroom load benchmark: %,d rows (median of %d runs per case), %d cores, Java %s%n", o.rows,
                o.repeat, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        out.printf("Load average (1/5/15 min) at start %s, at end %s: other work on the machine skews wall times.%n",
                loadAtStart, loadAverage());
        printRow(out, head, width);
        String[] rule = new String[head.length];
        for (int i = 0; i < head.length; i++) {
            rule[i] = "-".repeat(width[i]);
        }
        printRow(out, rule, width);
        for (String[] row : rows) {
            printRow(out, row, width);
        }
        out.println();
        out.println("x limit: seconds / the same engine's bulk-load limit (lower is better; 1.00 = as fast as the engine's own loader).");
        out.println("* per-row script: measured on the rows named in the case, scaled linearly to " + o.rows + ".");
        out.println("Stockroom times are wall-clock of `java -jar stockroom.jar sync` (JVM start included); peak memory is");
        out.println("the child's largest heap occupancy in its GC log and its VmHWM (peak RSS), max over runs.");
        if (skipped.isEmpty()) {
            out.println("Skipped: nothing.");
        } else {
            out.println("Skipped:");
            skipped.forEach((what, why) -> out.println("  " + what + ": " + why));
        }
    }

    private static void printRow(PrintStream out, String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            boolean right = i >= 2 && i <= 4;
            String cell = cells[i];
            String pad = " ".repeat(width[i] - cell.length());
            sb.append(right ? pad + cell : cell + (i == cells.length - 1 ? "" : pad));
            if (i < cells.length - 1) {
                sb.append("  ");
            }
        }
        out.println(sb.toString().stripTrailing());
    }

    // ----------------------------------------------------------------------------------------------

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + "/" + f[1] + "/" + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String tail(String text) {
        String t = text.strip();
        return t.length() > 600 ? "..." + t.substring(t.length() - 600) : t;
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
