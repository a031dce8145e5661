package dev.stockroom.dashboard;

import dev.stockroom.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The weekly digest: for a dashboard with {@code digest:}, its chosen tiles (every KPI when none
 * is chosen) over the last 7 days against the 7 before, as a plain-text message for the
 * notifiers. Tables list their first rows.
 *
 * <pre>
 * digest:
 *   cron: "0 8 * * MON"        # in the project's timezone; stockroom crontab prints the line
 *   tiles: [Page views, Revenue]
 * </pre>
 */
public final class Digests {

    /** A dashboard's digest, ready to send. */
    public record Message(String slug, String subject, String body) {
    }

    /** When a dashboard's digest goes out. */
    public record Scheduled(String slug, String cron) {
    }

    static final int TABLE_ROWS = 5;

    private final Path dashboardsDir;
    private final Path modelsDir;
    private final ZoneId zone;
    private final Clock clock;

    public Digests(Path dashboardsDir, Path modelsDir, ZoneId zone, Clock clock) {
        this.dashboardsDir = dashboardsDir;
        this.modelsDir = modelsDir;
        this.zone = zone;
        this.clock = clock;
    }

    /** Every dashboard that has a digest, with its cron; files with errors are reported as such. */
    public List<Scheduled> scheduled() {
        DashboardFiles.Loaded loaded = new DashboardFiles(dashboardsDir, modelsDir).load();
        if (!loaded.errors().isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", loaded.errors()));
        }
        return loaded.dashboards().stream().filter(d -> d.digest() != null)
                .map(d -> new Scheduled(d.slug(), d.digest().cron())).toList();
    }

    /**
     * The digests of {@code slugs} (all dashboards with a digest when empty), read through
     * {@code reader}, a read-only session.
     */
    public List<Message> build(Warehouse reader, List<String> slugs) throws Exception {
        DashboardFiles.Loaded loaded = new DashboardFiles(dashboardsDir, modelsDir).load();
        List<Message> out = new ArrayList<>();
        for (String slug : slugs) {
            if (loaded.dashboards().stream().noneMatch(d -> d.slug().equals(slug))) {
                throw new IllegalArgumentException("there is no dashboards/" + slug + ".yml"
                        + (loaded.errors().isEmpty() ? "" : " (" + String.join("; ", loaded.errors()) + ")"));
            }
        }
        LocalDate today = LocalDate.now(clock.withZone(zone));
        DateRange week = DateRange.fromQuery(java.util.Map.of("range", TileAlerts.PRESET), today);
        QueryRunner runner = new QueryRunner(1_000, DashboardSettings.DEFAULT_BYTE_LIMIT, Duration.ofSeconds(60));
        TileNumbers numbers = new TileNumbers(runner, modelsDir);
        TileData data = new TileData(runner);
        for (Dashboard d : loaded.dashboards()) {
            boolean wanted = slugs.isEmpty() ? d.digest() != null : slugs.contains(d.slug());
            if (!wanted) {
                continue;
            }
            List<String> chosen = d.digest() == null ? List.of() : d.digest().tiles();
            StringBuilder body = new StringBuilder(d.title()).append(", ").append(week.start()).append(" – ")
                    .append(week.end()).append(" (against the 7 days before)\n");
            for (Tile t : d.tiles()) {
                boolean include = chosen.isEmpty() ? t.type() == TileType.KPI : chosen.contains(t.title());
                if (!include) {
                    continue;
                }
                if (t.type() == TileType.TABLE) {
                    body.append(table(data, reader, d, t, week, today));
                    continue;
                }
                TileNumbers.Headline h = numbers.of(reader, d, t, TileAlerts.PRESET, today);
                body.append("• ").append(t.title()).append(": ");
                if (h.error() != null) {
                    body.append("cannot be read (").append(h.error()).append(")\n");
                    continue;
                }
                body.append(h.shown(h.value()));
                Double drop = h.dropPct();
                if (drop != null) {
                    body.append(String.format(java.util.Locale.ENGLISH, " (%s %.1f%%, from %s)",
                            drop > 0 ? "▼" : drop < 0 ? "▲" : "■", Math.abs(drop), h.shown(h.previous())));
                }
                body.append('\n');
            }
            out.add(new Message(d.slug(), "Stockroom weekly: " + d.title(), body.toString().strip()));
        }
        return out;
    }

    private String table(TileData data, Warehouse reader, Dashboard d, Tile t, DateRange week, LocalDate today)
            throws Exception {
        PageQuery page = PageQuery.of(d, java.util.Map.of("range", week.preset()), today);
        QueryResult result = data.run(reader, page.bind(t.sql()));
        Columns columns = new Columns(t.labels());
        StringBuilder out = new StringBuilder("• ").append(t.title()).append(":\n");
        for (List<Object> row : result.rows().subList(0, Math.min(TABLE_ROWS, result.rows().size()))) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < row.size(); c++) {
                String name = result.columns().get(c);
                if (!t.hidden().contains(name) && row.get(c) != null) {
                    cells.add((c == 0 ? "" : columns.label(name) + " ") + Columns.format(row.get(c), columns.percent(name)));
                }
            }
            out.append("   ").append(String.join(" · ", cells)).append('\n');
        }
        if (result.rows().isEmpty()) {
            out.append("   (no rows)\n");
        }
        return out.toString();
    }
}
