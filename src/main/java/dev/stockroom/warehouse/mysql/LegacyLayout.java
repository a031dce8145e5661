package dev.stockroom.warehouse.mysql;

import dev.stockroom.warehouse.Namespace;
import dev.stockroom.warehouse.Warehouse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The layout of versions before the URL's database scoped a project: every schema a server-wide
 * database ({@code stockroom}, {@code analytics}, one per source). Found when a project has no
 * bookkeeping database of its own yet while {@code stockroom.runs} exists; the owner then moves
 * it (one atomic {@code RENAME TABLE}) or starts the project empty, and is never guessed for.
 *
 * @param tables each old database that holds data, with its tables, bookkeeping first
 */
record LegacyLayout(Namespace namespace, Map<String, List<String>> tables) {

    private static final List<String> BOOKKEEPING = List.of("runs", "state", "columns");

    static Optional<LegacyLayout> find(Connection c, Namespace namespace) throws SQLException {
        if (databaseExists(c, namespace.schema(Warehouse.META)) || !tables(c, Warehouse.META).contains("runs")) {
            return Optional.empty();
        }
        Set<String> schemas = new LinkedHashSet<>();
        schemas.add(Warehouse.META);
        schemas.addAll(strings(c, "SELECT DISTINCT source FROM `stockroom`.`runs` ORDER BY source"));
        if (tables(c, Warehouse.META).contains("columns")) {
            schemas.addAll(strings(c, "SELECT DISTINCT schema_name FROM `stockroom`.`columns` ORDER BY schema_name"));
        }
        schemas.add("analytics");
        Map<String, List<String>> found = new LinkedHashMap<>();
        for (String schema : schemas) {
            List<String> names = tables(c, schema);
            if (schema.equals(Warehouse.META)) {
                names = BOOKKEEPING.stream().filter(names::contains).toList();
            }
            if (!names.isEmpty()) {
                found.put(schema, names);
            }
        }
        return Optional.of(new LegacyLayout(namespace, found));
    }

    /** What was found and the exact statements that move it into this project. */
    String migration() {
        StringBuilder out = new StringBuilder("this MariaDB/MySQL server holds Stockroom data in the layout of "
                + "earlier versions, where each schema was a server-wide database (" + String.join(", ", tables.keySet())
                + ") shared by every project on the server. Now the warehouse URL's database '" + namespace.project()
                + "' scopes the project and its schemas are the databases " + namespace.schema("<schema>")
                + ". To move the old data into this project, run these statements (mariadb or mysql client), "
                + "then sync again:\n");
        List<String> renames = new ArrayList<>();
        for (Map.Entry<String, List<String>> schema : tables.entrySet()) {
            String target = namespace.schema(schema.getKey());
            out.append("  CREATE DATABASE IF NOT EXISTS ").append(quote(target)).append(" CHARACTER SET utf8mb4;\n");
            for (String table : schema.getValue()) {
                renames.add(quote(schema.getKey()) + "." + quote(table) + " TO " + quote(target) + "." + quote(table));
            }
        }
        out.append("  RENAME TABLE ").append(String.join(",\n    ", renames)).append(";\n");
        out.append("The old databases are then empty of Stockroom's tables; drop them once you have checked (")
                .append(String.join(" ", tables.keySet().stream().filter(s -> !s.equals(namespace.project()))
                        .map(s -> "DROP DATABASE " + quote(s) + ";").toList()))
                .append(").\nIf the old data belongs to another project on this server, start this project empty "
                        + "instead: CREATE DATABASE ").append(quote(namespace.schema(Warehouse.META))).append(';');
        return out.toString();
    }

    private static String quote(String name) {
        return '`' + name.replace("`", "``") + '`';
    }

    private static boolean databaseExists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    private static List<String> tables(Connection c, String schema) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                if (rs.getString(1) != null) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }
}
