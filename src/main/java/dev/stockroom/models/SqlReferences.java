package dev.stockroom.models;

import dev.stockroom.warehouse.Namespace;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code schema.table} names a query reads, found in its text once comments and string
 * literals are blanked out. Good enough for lineage and freshness; it is no SQL parser, so a
 * name built at run time is not seen.
 */
public final class SqlReferences {

    private static final Pattern IDENT = Pattern.compile("(?:\"([^\"]+)\"|`([^`]+)`|([A-Za-z_][A-Za-z0-9_$]*))");
    private static final Pattern QUALIFIED = Pattern.compile(IDENT.pattern() + "\\s*\\.\\s*" + IDENT.pattern());
    private static final Pattern CLAUSE = Pattern.compile(
            "(?i)\\b(FROM|SELECT|WHERE|ON|GROUP|ORDER|HAVING|LIMIT|USING|JOIN|SET|VALUES)\\b");
    private static final Set<String> NOT_SCHEMAS = Set.of("information_schema", "pg_catalog");

    /** A referenced table, names lower-cased. */
    public record TableRef(String schema, String table) {
        @Override
        public String toString() {
            return schema + "." + table;
        }
    }

    private SqlReferences() {
    }

    /** Every {@code schema.table} in the query, in order of first appearance, schemas as written. */
    public static Set<TableRef> tables(String sql) {
        return tables(sql, Namespace.NONE);
    }

    /**
     * The project's tables the query reads, with logical schemas: on MariaDB {@code dw__site.members}
     * is {@code site.members}, and a database outside the project ({@code site.members} there) is left out.
     */
    public static Set<TableRef> tables(String sql, Namespace namespace) {
        Set<TableRef> out = new LinkedHashSet<>();
        for (TableRef ref : written(sql)) {
            namespace.logical(ref.schema()).ifPresent(schema -> out.add(new TableRef(schema, ref.table())));
        }
        return out;
    }

    private static Set<TableRef> written(String sql) {
        String text = code(sql);
        Set<TableRef> out = new LinkedHashSet<>();
        Matcher m = QUALIFIED.matcher(text);
        while (m.find()) {
            String schema = first(m, 1).toLowerCase(Locale.ROOT);
            String table = first(m, 4).toLowerCase(Locale.ROOT);
            int after = m.end();
            boolean call = after < text.length() && text.charAt(after) == '(';
            boolean column = after < text.length() && text.charAt(after) == '.';
            if (!call && !NOT_SCHEMAS.contains(schema) && !column && isTableContext(text, m.start())) {
                out.add(new TableRef(schema, table));
            }
        }
        return out;
    }

    /** The models ({@code analytics.x}, {@code dw__analytics.x} on MariaDB) a query reads. */
    public static Set<String> models(String sql, Namespace namespace) {
        Set<String> out = new LinkedHashSet<>();
        for (TableRef ref : tables(sql, namespace)) {
            if (ref.schema().equals(ModelBuilder.SCHEMA)) {
                out.add(ref.table());
            }
        }
        return out;
    }

    /** Comments and string literals replaced by spaces, so names inside them are not seen. */
    static String code(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? sql.length() : end;
                out.append(" ".repeat(end - i));
                i = end;
            } else if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? sql.length() : end + 2;
                out.append(" ".repeat(end - i));
                i = end;
            } else if (c == '\'') {
                int end = i + 1;
                while (end < sql.length() && !(sql.charAt(end) == '\'' && (end + 1 >= sql.length()
                        || sql.charAt(end + 1) != '\''))) {
                    end += sql.charAt(end) == '\'' ? 2 : 1;
                }
                end = Math.min(end + 1, sql.length());
                out.append("''").append(" ".repeat(Math.max(0, end - i - 2)));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** A qualified name right after FROM, JOIN or a comma in a FROM list reads a table; a.b elsewhere is a column. */
    private static boolean isTableContext(String text, int start) {
        int i = start - 1;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        if (text.charAt(i) == ',') {
            Matcher clause = CLAUSE.matcher(text.substring(0, i));
            String last = "";
            while (clause.find()) {
                last = clause.group(1).toUpperCase(Locale.ROOT);
            }
            return last.equals("FROM");
        }
        int end = i + 1;
        while (i >= 0 && Character.isLetter(text.charAt(i))) {
            i--;
        }
        String word = text.substring(i + 1, end).toUpperCase(Locale.ROOT);
        return word.equals("FROM") || word.equals("JOIN") || word.equals("TABLE") || word.equals("INTO")
                || word.equals("UPDATE");
    }

    private static String first(Matcher m, int group) {
        for (int g = group; g < group + 3; g++) {
            if (m.group(g) != null) {
                return m.group(g);
            }
        }
        return "";
    }
}
