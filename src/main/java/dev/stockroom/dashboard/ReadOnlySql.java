package dev.stockroom.dashboard;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Set;

/**
 * A friendly early message in front of the reader: one statement, and one that only reads. It is
 * not the guard: the reader connection ({@link dev.stockroom.warehouse.Warehouse#openReadOnly})
 * cannot write whatever this lets through, and the engine counts the statements.
 */
public final class ReadOnlySql {

    private static final Pattern WRITING_VERB = Pattern.compile(
            "\\b(INSERT|UPDATE|DELETE|MERGE|CREATE|DROP|ALTER|COPY|TRUNCATE)\\b");
    private static final Set<String> READING = Set.of("SELECT", "WITH", "VALUES", "TABLE", "SHOW", "DESCRIBE",
            "FROM");

    /** Thrown for a statement the dashboard will not run. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    private ReadOnlySql() {
    }

    /** The statement without trailing semicolons, or {@link Refused} with the reason. */
    public static String check(String sql) throws Refused {
        String code = dev.stockroom.models.ModelFiles.body(blankOut(sql));
        if (code.isEmpty()) {
            throw new Refused("the query is empty");
        }
        if (code.contains(";")) {
            throw new Refused("one statement at a time: remove the ';' between statements");
        }
        String first = code.split("[\\s(]+", 2)[0].toUpperCase(Locale.ROOT);
        if (!READING.contains(first)) {
            throw new Refused("only queries that read are allowed here (SELECT, WITH, VALUES, SHOW, DESCRIBE); "
                    + first + " would change the warehouse. Use stockroom sync and models to change data.");
        }
        if (first.equals("WITH")) {
            // A WITH can end in a writing statement (WITH x AS (...) DELETE ...).
            Matcher writes = WRITING_VERB.matcher(code.toUpperCase(Locale.ROOT));
            if (writes.find()) {
                throw new Refused("only queries that read are allowed here; this one contains " + writes.group(1));
            }
        }
        return dev.stockroom.models.ModelFiles.body(sql);
    }

    /** Comments and string contents blanked, so keywords inside them do not count. */
    static String blankOut(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '-' && sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end;
                out.append(' ');
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
                out.append(' ');
            } else if (c == '\'' || c == '"') {
                int end = sql.indexOf(c, i + 1);
                i = end < 0 ? sql.length() : end + 1;
                out.append(c == '\'' ? "''" : "\"x\"");
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
