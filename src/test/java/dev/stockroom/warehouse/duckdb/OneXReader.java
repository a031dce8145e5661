package dev.stockroom.warehouse.duckdb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.Properties;

/**
 * Run in a child JVM whose class path holds only a DuckDB 1.x driver and the test classes: opens a
 * file read-only as Metabase or Evidence would and prints the engine version, then each row of a
 * query as {@code type=value|type=value}.
 */
public final class OneXReader {

    private OneXReader() {
    }

    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0], p);
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT version()")) {
                rs.next();
                System.out.println("version " + rs.getString(1));
            }
            try (ResultSet rs = s.executeQuery(args[1])) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder("row ");
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.append(i > 1 ? "|" : "").append(md.getColumnTypeName(i)).append('=').append(rs.getString(i));
                    }
                    System.out.println(row);
                }
            }
        }
    }
}
