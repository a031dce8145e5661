package dev.stockroom.dashboard;

import dev.stockroom.pipeline.StatusReader;
import dev.stockroom.pipeline.StreamStatus;
import dev.stockroom.warehouse.Warehouse;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The pages: each reads through one connection of its own, opened for the request and closed after. */
final class Routes {

    /**
     * Who is looking.
     *
     * @param loggedIn whether behind a login (the page shows "Log out")
     * @param csrf     the token this visitor's forms carry
     */
    record Viewer(boolean loggedIn, String csrf) {
    }

    /** What a handler answers. */
    record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {

        static Reply html(int status, String html) {
            return new Reply(status, "text/html; charset=utf-8", html.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    Map.of());
        }

        static Reply csv(String name, String csv) {
            return new Reply(200, "text/csv; charset=utf-8", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    Map.of("Content-Disposition", "attachment; filename=\"" + name + "\""));
        }

        static Reply text(int status, String text) {
            return new Reply(status, "text/plain; charset=utf-8",
                    text.getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of());
        }

        Reply withStatus(int newStatus) {
            return new Reply(newStatus, contentType, body, headers);
        }

        static Reply redirect(String location) {
            return new Reply(303, "text/plain", new byte[0], Map.of("Location", location));
        }
    }

    private static final Pattern DASHBOARD = Pattern.compile("/d/([A-Za-z0-9_-]+)");
    private static final Pattern TILE_CSV = Pattern.compile("/d/([A-Za-z0-9_-]+)/tile/(\\d{1,4})\\.csv");
    private static final int RUNS_SHOWN = 300;
    private static final int RECENT_RUNS = 8;

    private final DashboardContext context;
    private final DashboardFiles files;
    private final QueryRunner runner;
    private final TileData tiles;

    Routes(DashboardContext context) {
        this.context = context;
        this.files = new DashboardFiles(context.dashboardsDir(), context.modelsDir());
        this.runner = new QueryRunner(context.settings().rowLimit(), context.settings().byteLimit(),
                context.settings().queryTimeout());
        this.tiles = new TileData(runner);
    }

    Reply handle(Request request, Viewer viewer) throws Exception {
        DashboardFiles.Loaded loaded = files.load();
        String path = request.path();
        if (!List.of("GET", "HEAD", "POST").contains(request.method())) {
            return Reply.text(405, request.method() + " is not served here; the dashboard's pages are GET, the SQL "
                    + "explorer's form a POST.");
        }
        if (request.method().equals("POST") && !path.equals("/sql") && !path.equals("/sql.csv")) {
            return Reply.text(405, "Only the SQL explorer takes a POST; " + path + " is a page to GET.");
        }
        if (path.equals("/")) {
            if (!loaded.dashboards().isEmpty() && loaded.errors().isEmpty()) {
                return Reply.redirect("/d/" + loaded.dashboards().get(0).slug());
            }
            return page("Dashboards", "/", loaded, viewer, home(loaded));
        }
        Matcher csv = TILE_CSV.matcher(path);
        if (csv.matches()) {
            return tileCsv(loaded, csv.group(1), Integer.parseInt(csv.group(2)), request);
        }
        Matcher d = DASHBOARD.matcher(path);
        if (d.matches()) {
            return dashboard(loaded, d.group(1), request, viewer);
        }
        return switch (path) {
            case "/health" -> page("Pipeline health", path, loaded, viewer, withWarehouse(this::health));
            case "/runs" -> page("Runs", path, loaded, viewer, withWarehouse(this::runs));
            case "/sql" -> explorer(request, loaded, viewer);
            case "/sql.csv" -> explorerCsv(request);
            default -> page("Not found", path, loaded, viewer, "<h1>Not found</h1><p>There is no page at "
                    + Html.esc(path) + ".</p>").withStatus(404);
        };
    }

    /**
     * The explorer runs a query only from its POSTed form (the server checked its CSRF token); a GET
     * with {@code ?q=} only fills the editor, so a link or an image elsewhere runs nothing.
     */
    private Reply explorer(Request request, DashboardFiles.Loaded loaded, Viewer viewer) throws Exception {
        boolean run = request.method().equals("POST");
        String query = (run ? request.form() : request.query()).getOrDefault("q", "");
        return page("SQL explorer", "/sql", loaded, viewer, withWarehouse(w -> explorer(w, query, run, viewer)));
    }

    private Reply dashboard(DashboardFiles.Loaded loaded, String slug, Request request, Viewer viewer)
            throws Exception {
        Optional<Dashboard> found = loaded.dashboards().stream().filter(x -> x.slug().equals(slug)).findFirst();
        if (found.isEmpty()) {
            return page("Not found", "/d/" + slug, loaded, viewer, Html.errors(loaded.errors())
                    + "<h1>No dashboard '" + Html.esc(slug) + "'</h1><p>Dashboards are the files in <code>dashboards/"
                    + "</code>.</p>").withStatus(404);
        }
        Dashboard dashboard = found.get();
        PageQuery query = PageQuery.of(dashboard, request.query(), today());
        String body = withWarehouse(w -> {
            Freshness freshness = Freshness.read(w, context.modelsDir());
            Map<String, List<String>> options = new LinkedHashMap<>();
            for (Dashboard.Filter f : dashboard.filters()) {
                options.put(f.name(), tiles.options(w, f));
            }
            List<TileView> views = new ArrayList<>();
            for (int i = 0; i < dashboard.tiles().size(); i++) {
                views.add(tiles.view(w, i, dashboard.tiles().get(i), query, freshness, today()));
            }
            return DashboardPage.body(dashboard, query, options, views, context.clock().instant());
        });
        return page(dashboard.title(), "/d/" + slug, loaded, viewer, Html.errors(loaded.errors()) + body);
    }

    private Reply tileCsv(DashboardFiles.Loaded loaded, String slug, int index, Request request) throws Exception {
        Optional<Dashboard> found = loaded.dashboards().stream().filter(x -> x.slug().equals(slug)).findFirst();
        if (found.isEmpty() || index >= found.get().tiles().size()) {
            return Reply.html(404, "no such tile");
        }
        Tile tile = found.get().tiles().get(index);
        PageQuery query = PageQuery.of(found.get(), request.query(), today());
        String name = slug + "-" + tile.title().replaceAll("[^A-Za-z0-9]+", "-").toLowerCase() + ".csv";
        return csvWith(name, w -> tiles.run(w, query.bind(tile.sql())));
    }

    private String health(Warehouse w) throws Exception {
        List<StreamStatus> statuses = new StatusReader(context.config(), w, context.clock()).read();
        Map<String, List<String>> recent = new LinkedHashMap<>();
        if (w.tableExists(Warehouse.META, "runs")) {
            QueryResult runs = runner.run(w, "SELECT source, stream, status FROM " + w.table(Warehouse.META, "runs")
                    + " ORDER BY started_at DESC");
            for (List<Object> r : runs.rows()) {
                List<String> list = recent.computeIfAbsent(r.get(0) + "." + r.get(1), k -> new ArrayList<>());
                if (list.size() < RECENT_RUNS) {
                    list.add(String.valueOf(r.get(2)));
                }
            }
        }
        return HealthPage.body(statuses, new HealthPage.RecentRuns(recent));
    }

    private String runs(Warehouse w) throws Exception {
        if (!w.tableExists(Warehouse.META, "runs")) {
            return RunsPage.body(new QueryResult(List.of(), List.of(), false));
        }
        QueryRunner capped = new QueryRunner(RUNS_SHOWN, context.settings().byteLimit(),
                context.settings().queryTimeout());
        return RunsPage.body(capped.run(w, RunsPage.query(w)));
    }

    private String explorer(Warehouse w, String query, boolean run, Viewer viewer) throws Exception {
        QueryResult tablesList = runner.run(w, ExplorerPage.tables(w.dialect().namespace()));
        QueryResult result = null;
        String error = null;
        if (run && !query.isBlank()) {
            try {
                result = runner.run(w, query);
            } catch (ReadOnlySql.Refused e) {
                error = "Refused: " + e.getMessage();
            } catch (SQLException e) {
                error = w.dialect().name() + ": " + e.getMessage();
            }
        }
        return ExplorerPage.body(new ExplorerPage.Form(query, run, viewer), result, error, tablesList,
                runner.rowLimit(), (int) context.settings().queryTimeout().toSeconds());
    }

    private Reply explorerCsv(Request request) throws Exception {
        if (!request.method().equals("POST")) {
            return Reply.text(405, "A download of your own SQL is POSTed by the SQL explorer's form (a link cannot "
                    + "run a query): open /sql, write the query and press Download CSV.");
        }
        try {
            return csvWith("query.csv", w -> runner.run(w, request.form().getOrDefault("q", "")));
        } catch (ReadOnlySql.Refused e) {
            return Reply.text(400, "Refused: " + e.getMessage());
        }
    }

    private String home(DashboardFiles.Loaded loaded) {
        StringBuilder out = new StringBuilder(Html.errors(loaded.errors())).append("<h1>Dashboards</h1>");
        if (loaded.dashboards().isEmpty()) {
            out.append("<p>No dashboards yet. Add a file to <code>").append(Html.esc(context.dashboardsDir()))
                    .append("</code>, for example <code>sales.yml</code>:</p><pre>title: Sales\ntiles:\n"
                            + "  - title: Orders\n    type: line\n    sql: SELECT day, COUNT(*) AS orders FROM shop.orders\n"
                            + "         WHERE day BETWEEN {{start}} AND {{end}} GROUP BY day ORDER BY day</pre>");
        }
        out.append("<ul class=\"list\">");
        for (Dashboard d : loaded.dashboards()) {
            out.append("<li><a href=\"/d/").append(Html.esc(d.slug())).append("\">").append(Html.esc(d.title()))
                    .append("</a></li>");
        }
        return out.append("</ul>").toString();
    }

    private interface Body {
        String render(Warehouse warehouse) throws Exception;
    }

    private interface Query {
        QueryResult run(Warehouse warehouse) throws Exception;
    }

    /** A CSV download, through the same opener as the pages: a busy or missing warehouse is a 503 with its reason. */
    private Reply csvWith(String fileName, Query query) throws Exception {
        Warehouse w;
        try {
            w = WarehouseAccess.open(context.reads(), context.config().timezone());
        } catch (WarehouseAccess.Unavailable e) {
            return new Reply(503, "text/plain; charset=utf-8",
                    e.getMessage().getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of());
        }
        try (w) {
            QueryResult result = query.run(w);
            Reply reply = Reply.csv(fileName, Csv.of(result));
            if (!result.truncated()) {
                return reply;
            }
            // The rows are whole; the header says they are not all of them.
            Map<String, String> headers = new LinkedHashMap<>(reply.headers());
            headers.put("X-Stockroom-Cut", result.cutMessage());
            return new Reply(reply.status(), reply.contentType(), reply.body(), headers);
        }
    }

    /** Renders with a read connection; a busy or missing warehouse becomes a message, not a stack trace. */
    private String withWarehouse(Body body) throws Exception {
        Warehouse w;
        try {
            w = WarehouseAccess.open(context.reads(), context.config().timezone());
        } catch (WarehouseAccess.Unavailable e) {
            return "<div class=\"warn-box\">" + Html.esc(e.getMessage()) + "</div>";
        }
        try (w) {
            return body.render(w);
        }
    }

    private Reply page(String title, String active, DashboardFiles.Loaded loaded, Viewer viewer, String body) {
        return Reply.html(200, Html.page(title, active, loaded.dashboards(), viewer, body));
    }

    private LocalDate today() {
        return LocalDate.now(context.clock().withZone(context.config().timezone()));
    }
}
