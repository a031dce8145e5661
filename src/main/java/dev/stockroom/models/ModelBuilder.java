package dev.stockroom.models;

import dev.stockroom.pipeline.StreamResult;
import dev.stockroom.warehouse.Namespace;
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
 * Builds every {@code models/*.sql} as {@code analytics.<name>} ({@code dw__analytics.<name>} on
 * MariaDB, see {@link Namespace}) in dependency order, each
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

    /**
     * Builds all models, each in a write turn of its own; an empty list when there is no models folder.
     *
     * @throws dev.stockroom.warehouse.WarehouseBusyException when another writer held the file past warehouse_wait
     */
    public List<StreamResult> buildAll() throws SQLException {
        List<Model> models;
        try {
            models = ModelFiles.read(modelsDir, warehouse.dialect().namespace());
        } catch (Exception e) {
            return List.of(failed("*", clock.instant(), "cannot read the models folder " + modelsDir + ": "
                    + e.getMessage()));
        }
        BuildOrder.Result order = BuildOrder.of(models);
        Set<String> names = new HashSet<>(models.stream().map(Model::name).toList());
        List<StreamResult> results = new ArrayList<>();
        Set<String> broken = new HashSet<>();
        for (Map.Entry<Model, String> cycle : order.cycles().entrySet()) {
            broken.add(cycle.getKey().name());
            results.add(failed(cycle.getKey().name(), clock.instant(), fileName(cycle.getKey()) + ": "
                    + cycle.getValue()));
        }
        for (Model model : order.ordered()) {
            StreamResult result = warehouse.turn(() -> build(model, broken, names));
            if (result.failed()) {
                broken.add(model.name());
            }
            results.add(result);
        }
        return results;
    }

    private StreamResult build(Model model, Set<String> broken, Set<String> models) {
        Instant started = clock.instant();
        List<String> missing = model.reads().stream().filter(broken::contains).sorted().toList();
        if (!missing.isEmpty()) {
            return failed(model.name(), started, fileName(model) + ": not rebuilt because it reads "
                    + String.join(", ", missing.stream().map(m -> warehouse.schema(SCHEMA) + "." + m).toList())
                    + ", which failed");
        }
        try {
            List<String> misnamed = misnamed(model, models);
            if (!misnamed.isEmpty()) {
                return failed(model.name(), started, fileName(model) + ": on " + warehouse.dialect().name()
                        + " this project's schemas are the databases " + warehouse.schema("<schema>") + "; write "
                        + String.join(", ", misnamed));
            }
        } catch (SQLException e) {
            return failed(model.name(), started, fileName(model) + ": " + String.valueOf(e.getMessage()).strip());
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

    /**
     * Names written as on DuckDB/PostgreSQL ({@code analytics.x}) where the warehouse prefixes
     * schemas, for tables this project has: read as written they would reach a server-wide
     * database that is not the project's, and the build order would not see the model.
     */
    private List<String> misnamed(Model model, Set<String> models) throws SQLException {
        Namespace namespace = warehouse.dialect().namespace();
        List<String> out = new ArrayList<>();
        if (!namespace.prefixes()) {
            return out;
        }
        for (SqlReferences.TableRef ref : SqlReferences.tables(model.sql())) {
            if (namespace.logical(ref.schema()).isPresent() || !fits(namespace, ref.schema())) {
                continue;
            }
            boolean ours = ref.schema().equals(SCHEMA) && models.contains(ref.table())
                    || warehouse.tableExists(ref.schema(), ref.table());
            if (ours) {
                out.add(warehouse.schema(ref.schema()) + "." + ref.table() + " for " + ref);
            }
        }
        return out;
    }

    private static boolean fits(Namespace namespace, String schema) {
        try {
            namespace.schema(schema);
            return true;
        } catch (IllegalArgumentException tooLong) {
            return false;
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
                Duration.between(started, clock.instant()), message, false);
    }
}
