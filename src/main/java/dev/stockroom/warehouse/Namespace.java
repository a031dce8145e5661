package dev.stockroom.warehouse;

import java.util.Optional;

/**
 * Where a project's schemas live in the database: the one place that knows the layout. Stockroom
 * names schemas logically everywhere (a source's name, {@code analytics}, {@code stockroom}), and
 * so do its bookkeeping rows; this maps them to the names the database holds and back.
 *
 * <p>DuckDB and PostgreSQL need no mapping: the file or the URL's database already scopes the
 * project. MariaDB has no level between the server and a database, so there a project's schemas
 * are databases prefixed by the URL's database and {@value #SEPARATOR}: {@code dw__site},
 * {@code dw__analytics}, {@code dw__stockroom}. The project name never contains
 * {@value #SEPARATOR} nor ends with {@code _}, and a logical schema starts with a letter, so the
 * first {@value #SEPARATOR} of a database name always ends its project: {@code dw} and
 * {@code dw_x} can share a server without ever naming the same database, and the reader grant
 * {@code dw\_\_%} matches only {@code dw}'s databases.
 *
 * @param project the URL's database on MariaDB; empty where no mapping is needed
 */
public record Namespace(String project) {

    /** Between the project and a schema on MariaDB. */
    public static final String SEPARATOR = "__";

    /** MariaDB's and MySQL's limit on a database name. */
    static final int MAX_DATABASE_NAME = 64;

    /** Schemas are named as they are: DuckDB, PostgreSQL. */
    public static final Namespace NONE = new Namespace("");

    public Namespace {
        if (project.contains(SEPARATOR) || project.endsWith("_")) {
            throw new IllegalArgumentException("the warehouse database '" + project + "' contains '" + SEPARATOR
                    + "' or ends with '_'; Stockroom puts each schema in a database named " + project
                    + SEPARATOR + "<schema>, and such a name would be ambiguous. Choose a name such as 'stockroom_dw'");
        }
    }

    /** The schemas of the project whose URL names {@code database}. */
    public static Namespace prefixed(String database) {
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("the URL names no database; on MariaDB/MySQL the URL's database scopes "
                    + "the project (its schemas become databases named <database>" + SEPARATOR + "<schema>), e.g. "
                    + "jdbc:mariadb://127.0.0.1:3306/dw?user=dw");
        }
        return new Namespace(database);
    }

    /** Whether schema names change in the database: true on MariaDB. */
    public boolean prefixes() {
        return !project.isEmpty();
    }

    /** The name the database holds for a logical schema: {@code site} → {@code dw__site}. */
    public String schema(String logical) {
        if (!prefixes()) {
            return logical;
        }
        String name = project + SEPARATOR + logical;
        if (name.length() > MAX_DATABASE_NAME) {
            throw new IllegalArgumentException("the schema '" + logical + "' would be the database '" + name + "', "
                    + name.length() + " characters; MariaDB allows " + MAX_DATABASE_NAME
                    + ": shorten the source's name or the warehouse URL's database");
        }
        return name;
    }

    /**
     * The logical schema a database name holds, as a query names it: {@code dw__site} → {@code site}.
     * Empty for a name outside the project (on MariaDB, any name without the project's prefix).
     * Database names compare ignoring case, as queries may write them either way.
     */
    public Optional<String> logical(String physical) {
        if (!prefixes()) {
            return Optional.of(physical);
        }
        String prefix = project + SEPARATOR;
        if (physical.length() > prefix.length() && physical.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return Optional.of(physical.substring(prefix.length()));
        }
        return Optional.empty();
    }

    /**
     * A {@code LIKE} pattern (backslash escapes) matching exactly the project's schemas, for
     * {@code information_schema} filters and MariaDB's database-level {@code GRANT}:
     * {@code dw\_\_%}. Matches every schema where nothing is prefixed.
     */
    public String likePattern() {
        if (!prefixes()) {
            return "%";
        }
        return (project + SEPARATOR).replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + "%";
    }
}
