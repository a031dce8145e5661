package dev.stockroom.models;

import dev.stockroom.warehouse.Warehouse;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Materializes a SELECT as a table and swaps it in place of the previous one, so a reader sees
 * the old table or the new one, never none and never half of one.
 *
 * <p>Where DDL is transactional (DuckDB, PostgreSQL) the new table is built as {@code NAME__new},
 * then the old one is dropped and the new one renamed in one transaction. MariaDB commits on
 * every DDL statement, so there the swap is its atomic multi-table {@code RENAME TABLE}.
 */
final class TableSwap {

    private final Warehouse warehouse;

    TableSwap(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    void replace(String schema, String name, String select) throws SQLException {
        String target = warehouse.table(schema, name);
        String fresh = warehouse.table(schema, name + "__new");
        String old = warehouse.table(schema, name + "__old");
        warehouse.createSchema(schema);
        warehouse.execute("DROP TABLE IF EXISTS " + fresh);
        if (warehouse.dialect().transactionalDdl()) {
            Connection c = warehouse.connection();
            c.setAutoCommit(false);
            try {
                warehouse.execute("CREATE TABLE " + fresh + " AS " + select);
                warehouse.execute("DROP TABLE IF EXISTS " + target);
                warehouse.execute("ALTER TABLE " + fresh + " RENAME TO " + warehouse.dialect().quote(name));
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            return;
        }
        try {
            warehouse.execute("CREATE TABLE " + fresh + " AS " + select);
            warehouse.execute("DROP TABLE IF EXISTS " + old);
            if (warehouse.tableExists(schema, name)) {
                warehouse.execute("RENAME TABLE " + target + " TO " + old + ", " + fresh + " TO " + target);
                warehouse.execute("DROP TABLE " + old);
            } else {
                warehouse.execute("RENAME TABLE " + fresh + " TO " + target);
            }
        } catch (SQLException e) {
            warehouse.execute("DROP TABLE IF EXISTS " + fresh);
            throw e;
        }
    }
}
