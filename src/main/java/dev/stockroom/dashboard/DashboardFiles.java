package dev.stockroom.dashboard;

import dev.stockroom.config.ConfigException;
import dev.stockroom.config.ConfigNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Reads {@code dashboards/*.yml}, re-reading a file when its modification time or size changes
 * (checked on every request). A file with an error becomes an error with file and line, shown on
 * the page; the other dashboards still show.
 *
 * <pre>
 * title: Newsletter
 * tiles:
 *   - title: New subscribers
 *     type: kpi                # kpi, line, area, bar or table
 *     sql: SELECT day, signups FROM web.daily WHERE day BETWEEN {{start}} AND {{end}}
 *   - title: Revenue
 *     type: bar
 *     model: revenue_by_day    # the query of models/revenue_by_day.sql instead of sql:
 * </pre>
 *
 * <p>Also: {@code filters:} ({@link Dashboard.Filter}), {@code digest:} ({@link Digests}), and per
 * tile {@code labels:}, {@code note:}, {@code hide:}, {@code link:} ({@link Tile.Link}) and
 * {@code alert:} ({@link TileAlerts}). A placeholder that is neither built in nor a filter, or a
 * link to a dashboard that is not there, is an error with its file and line.
 */
public final class DashboardFiles {

    /** What the folder holds now. */
    public record Loaded(List<Dashboard> dashboards, List<String> errors) {
    }

    private record Cached(long modified, long size, Dashboard dashboard, String error) {
    }

    private final Path folder;
    private final Path modelsDir;
    private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

    public DashboardFiles(Path folder, Path modelsDir) {
        this.folder = folder;
        this.modelsDir = modelsDir;
    }

    public Loaded load() {
        List<Dashboard> dashboards = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return new Loaded(dashboards, errors);
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            return new Loaded(dashboards, List.of("cannot list " + folder + ": " + e.getMessage()));
        }
        cache.keySet().retainAll(files);
        long models = modelsStamp();
        for (Path file : files) {
            Cached c = current(file, models);
            if (c.dashboard != null) {
                dashboards.add(c.dashboard);
            } else {
                errors.add(c.error);
            }
        }
        for (Dashboard d : dashboards) {
            for (Tile t : d.tiles()) {
                if (t.link() != null && dashboards.stream().noneMatch(x -> x.slug().equals(t.link().dashboard()))) {
                    errors.add("dashboards/" + d.slug() + ".yml: tile '" + t.title() + "' links to dashboard '"
                            + t.link().dashboard() + "', which is not a file in dashboards/");
                }
            }
        }
        return new Loaded(dashboards, errors);
    }

    private Cached current(Path file, long modelsStamp) {
        try {
            // A model file a tile reads counts too: editing it refreshes the dashboards.
            long modified = Files.getLastModifiedTime(file).toMillis() + modelsStamp;
            long size = Files.size(file);
            Cached c = cache.get(file);
            if (c != null && c.modified == modified && c.size == size) {
                return c;
            }
            Cached fresh;
            try {
                fresh = new Cached(modified, size, parse(file), null);
            } catch (ConfigException e) {
                fresh = new Cached(modified, size, null, e.getMessage());
            }
            cache.put(file, fresh);
            return fresh;
        } catch (IOException e) {
            return new Cached(0, 0, null, "dashboards/" + file.getFileName() + ": cannot read: " + e.getMessage());
        }
    }

    private long modelsStamp() {
        if (!Files.isDirectory(modelsDir)) {
            return 0;
        }
        try (Stream<Path> listing = Files.list(modelsDir)) {
            return listing.mapToLong(p -> p.toFile().lastModified()).max().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    private Dashboard parse(Path file) throws IOException {
        String name = file.getFileName().toString();
        String slug = name.replaceAll("\\.ya?ml$", "");
        String where = "dashboards/" + name;
        if (!slug.matches("[A-Za-z0-9_-]+")) {
            throw new ConfigException(where + ": a dashboard's file name becomes its address; use letters, digits, "
                    + "_ and - only");
        }
        ConfigNode root = ConfigNode.ofYaml(Files.readString(file, StandardCharsets.UTF_8), where);
        String title = root.string("title", slug);
        List<Dashboard.Filter> filters = new ArrayList<>();
        for (ConfigNode node : root.objects("filters")) {
            filters.add(filter(node));
        }
        java.util.Set<String> names = new java.util.HashSet<>(SqlTemplate.BUILT_IN);
        filters.forEach(f -> names.add(f.name()));
        List<Tile> tiles = new ArrayList<>();
        for (ConfigNode node : root.objects("tiles")) {
            tiles.add(tile(node, names));
        }
        Dashboard.Digest digest = root.optObject("digest").map(n -> digest(n, tiles)).orElse(null);
        root.finish();
        return new Dashboard(slug, title, tiles, filters, digest);
    }

    private static Dashboard.Filter filter(ConfigNode node) {
        String name = node.string("name");
        if (!name.matches("[a-z][a-z0-9_]*") || PageQuery.RESERVED.contains(name)) {
            throw node.error("name", "a filter's name is how queries and the URL read it ({{" + name + "}}): use "
                    + "lower-case letters, digits and _, and none of " + String.join(", ",
                    new java.util.TreeSet<>(PageQuery.RESERVED)));
        }
        Dashboard.Filter f = new Dashboard.Filter(name, node.string("label", Columns.humanised(name)),
                node.string("sql"));
        node.finish();
        return f;
    }

    private static Dashboard.Digest digest(ConfigNode node, List<Tile> tiles) {
        String cron = node.string("cron");
        List<String> chosen = node.strings("tiles");
        for (String t : chosen) {
            if (tiles.stream().noneMatch(x -> x.title().equals(t))) {
                throw node.error("tiles", "no tile is titled '" + t + "'; digest tiles are named by their title");
            }
        }
        node.finish();
        return new Dashboard.Digest(cron, chosen);
    }

    private Tile tile(ConfigNode node, java.util.Set<String> placeholders) throws IOException {
        String title = node.string("title");
        TileType type = node.optChoice("type", TileType.choices())
                .orElseThrow(() -> node.missing("type"));
        String aggregate = node.optChoice("aggregate", Map.of("sum", "sum", "avg", "avg", "last", "last"))
                .orElse("sum");
        boolean hasSql = node.has("sql");
        boolean hasModel = node.has("model");
        if (hasSql == hasModel) {
            throw node.error("", "a tile needs exactly one of sql: (a query) or model: (a file in models/)");
        }
        String sql;
        if (hasSql) {
            sql = node.string("sql");
        } else {
            String model = node.string("model").replaceAll("\\.sql$", "");
            Path file = modelsDir.resolve(model + ".sql").normalize();
            if (!file.startsWith(modelsDir.normalize()) || !Files.isRegularFile(file)) {
                throw node.error("model", "there is no models/" + model + ".sql");
            }
            sql = Files.readString(file, StandardCharsets.UTF_8);
        }
        for (String used : SqlTemplate.placeholders(sql)) {
            if (!placeholders.contains(used)) {
                throw node.error(hasSql ? "sql" : "model", "{{" + used + "}} is neither a built-in placeholder nor "
                        + "a filter of this dashboard; declare it under filters: or use one of "
                        + String.join(", ", new java.util.TreeSet<>(placeholders)));
            }
        }
        Map<String, String> labels = node.stringMap("labels");
        Tile.Link link = node.optObject("link").map(DashboardFiles::link).orElse(null);
        Tile.Alert alert = node.optObject("alert").map(DashboardFiles::alert).orElse(null);
        String note = node.string("note", null);
        java.util.Set<String> hidden = new java.util.HashSet<>(node.strings("hide"));
        node.finish();
        return new Tile(title, type, sql, aggregate, labels, link, alert, note, hidden);
    }

    private static Tile.Link link(ConfigNode node) {
        Tile.Link link = new Tile.Link(node.string("dashboard"), node.string("column", null),
                node.stringMap("filters"));
        node.finish();
        return link;
    }

    private static Tile.Alert alert(ConfigNode node) {
        Tile.Alert alert = new Tile.Alert(node.optDouble("below").orElse(null),
                node.optDouble("drop_pct").orElse(null));
        if (alert.below() == null && alert.dropPct() == null) {
            throw node.error("", "an alert needs below: N (a threshold) or drop_pct: N (a fall against the "
                    + "previous period, in percent)");
        }
        node.finish();
        return alert;
    }
}
