package dev.stockroom.cli;

import java.sql.Connection;
import java.sql.DriverManager;

/** Test helper run in a child JVM: holds a DuckDB file open for some milliseconds, as a dashboard request or a query does. */
public final class HoldDuckDbFile {

    private HoldDuckDbFile() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0])) {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS held (x INTEGER)");
            System.out.println("held");
            System.out.flush();
            Thread.sleep(Long.parseLong(args[1]));
        }
    }
}
