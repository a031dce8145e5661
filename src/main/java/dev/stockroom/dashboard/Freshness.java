package dev.stockroom.dashboard;

import dev.stockroom.models.ModelBuilder;
import dev.stockroom.models.SqlReferences;
import dev.stockroom.models.SqlReferences.TableRef;
import dev.stockroom.warehouse.Instants;
import dev.stockroom.warehouse.Names;
import dev.stockroom.warehouse.Namespace;
import dev.stockroom.warehouse.Warehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How fresh the source tables a query reads are, from {@code stockroom.state}. A query reading a
 * model ({@code analytics.x}) is traced through {@code models/x.sql} to the tables it reads.
 * Names are the warehouse's ({@code dw__site.members} on MariaDB), traced as logical ones.
 */
final class Freshness {

    /** One source table's state. */
    record Table(String name, LocalDate newestCompleteDay, Instant updatedAt) {
    }

    /**
     * The tables a tile reads and the newest day complete for all of them.
     *
     * @param completeThrough null when no table it reads has a newest complete day
     */
    record TileHealth(List<Table> tables, LocalDate completeThrough) {
    }

    private final Map<String, Table> byTable;
    private final Path modelsDir;
    private final Namespace namespace;

    private Freshness(Map<String, Table> byTable, Path modelsDir, Namespace namespace) {
        this.byTable = byTable;
        this.modelsDir = modelsDir;
        this.namespace = namespace;
    }

    /** Reads every stream's state once, for a page. */
    static Freshness read(Warehouse warehouse, Path modelsDir) throws SQLException {
        Map<String, Table> tables = new HashMap<>();
        if (warehouse.tableExists(Warehouse.META, "state")) {
            try (Statement s = warehouse.connection().createStatement();
                 ResultSet rs = s.executeQuery("SELECT source, stream, CAST(newest_complete_day AS "
                         + warehouse.dialect().castableText() + "), updated_at FROM "
                         + warehouse.table(Warehouse.META, "state"))) {
                while (rs.next()) {
                    String name = rs.getString(1) + "." + Names.snakeCase(rs.getString(2));
                    String day = rs.getString(3);
                    tables.put(name, new Table(name, day == null ? null : LocalDate.parse(day.substring(0, 10)),
                            Instants.read(rs, 4)));
                }
            }
        }
        return new Freshness(tables, modelsDir, warehouse.dialect().namespace());
    }

    TileHealth of(String sql) {
        Set<String> names = new LinkedHashSet<>();
        collect(sql, names, new HashSet<>());
        List<Table> tables = new ArrayList<>();
        LocalDate through = null;
        for (String name : names) {
            Table t = byTable.get(name);
            if (t != null) {
                tables.add(t);
                if (t.newestCompleteDay() != null && (through == null || t.newestCompleteDay().isBefore(through))) {
                    through = t.newestCompleteDay();
                }
            }
        }
        return new TileHealth(tables, through);
    }

    private void collect(String sql, Set<String> out, Set<String> seenModels) {
        for (TableRef ref : SqlReferences.tables(sql, namespace)) {
            if (ref.schema().equals(ModelBuilder.SCHEMA)) {
                if (seenModels.add(ref.table())) {
                    Path file = modelsDir.resolve(ref.table() + ".sql");
                    try {
                        if (Files.isRegularFile(file)) {
                            collect(Files.readString(file), out, seenModels);
                        }
                    } catch (IOException e) {
                        // An unreadable model only loses its freshness line.
                    }
                }
            } else {
                out.add(ref.toString());
            }
        }
    }
}
