package dev.stockroom.models;

import dev.stockroom.config.Secrets;
import dev.stockroom.pipeline.StreamResult;
import dev.stockroom.warehouse.Warehouse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds every {@code models/*.sql} as {@code analytics.<name>} in dependency order, each
 * replacing its previous table atomically. A model that fails is reported as a failed
 * {@link StreamResult} (source {@code analytics}, stream = model name) and the others still build;
 * a model reading a failed one is not rebuilt, and says why.
 */
public final class ModelBuilder {

    /** The schema (a database on MariaDB) models are built in. */
    public static final String SCHEMA = "analytics";

    private final Warehouse warehouse;
    private final Path modelsDir;
    private final Clock clock;

    public ModelBuilder(Warehouse warehouse, Path modelsDir, Clock clock) {
        this.warehouse = warehouse;
        this.modelsDir = modelsDir;
        this.clock = clock;
    }

    /** Builds all models; an empty list when there is no models folder. */
    public List<StreamResult> buildAll() {
        List<Model> models;
        try {
            models = ModelFiles.read(modelsDir);
        } catch (Exception e) {
            return List.of(failed("*", clock.instant(), "cannot read the models folder " + modelsDir + ": "
                    + e.getMessage()));
        }
        BuildOrder.Result order = BuildOrder.of(models);
        List<StreamResult> results = new ArrayList<>();
        Set<String> broken = new HashSet<>();
        for (Map.Entry<Model, String> cycle : order.cycles().entrySet()) {
            broken.add(cycle.getKey().name());
            results.add(failed(cycle.getKey().name(), clock.instant(), fileName(cycle.getKey()) + ": "
                    + cycle.getValue()));
        }
        for (Model model : order.ordered()) {
            StreamResult result = build(model, broken);
            if (result.failed()) {
                broken.add(model.name());
            }
            results.add(result);
        }
        return results;
    }

    private StreamResult build(Model model, Set<String> broken) {
        Instant started = clock.instant();
        List<String> missing = model.reads().stream().filter(broken::contains).sorted().toList();
        if (!missing.isEmpty()) {
            return failed(model.name(), started, fileName(model) + ": not rebuilt because it reads "
                    + String.join(", ", missing.stream().map(m -> SCHEMA + "." + m).toList()) + ", which failed");
        }
        if (!model.name().matches("[a-z][a-z0-9_]*")) {
            return failed(model.name(), started, fileName(model) + ": a model's file name becomes its table name; "
                    + "rename it to lower-case letters, digits and _ starting with a letter");
        }
        String select = ModelFiles.body(model.sql());
        if (select.isEmpty()) {
            return failed(model.name(), started, fileName(model) + ": the file is empty; write one SELECT");
        }
        try {
            new TableSwap(warehouse).replace(SCHEMA, model.name(), select);
            long rows = count(model.name());
            return new StreamResult(SCHEMA, model.name(), "full", null, null, StreamResult.Status.SUCCESS, rows, rows,
                    Duration.between(started, clock.instant()), null, false);
        } catch (SQLException e) {
            return failed(model.name(), started, fileName(model) + ": " + warehouse.dialect().name() + " refused: "
                    + String.valueOf(e.getMessage()).strip());
        }
    }

    private long count(String name) throws SQLException {
        try (var s = warehouse.connection().createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM " + warehouse.table(SCHEMA, name))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String fileName(Model model) {
        return "models/" + model.file().getFileName();
    }

    private StreamResult failed(String name, Instant started, String message) {
        return new StreamResult(SCHEMA, name, "full", null, null, StreamResult.Status.FAILED, 0, 0,
                Duration.between(started, clock.instant()), Secrets.redact(message), false);
    }
}
