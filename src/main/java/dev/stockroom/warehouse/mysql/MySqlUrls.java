package dev.stockroom.warehouse.mysql;

import dev.stockroom.warehouse.JdbcUrls;
import java.sql.SQLException;
import org.mariadb.jdbc.Configuration;

/** Reads a MariaDB/MySQL JDBC URL with the driver's own parser (hosts, failover forms, options). */
final class MySqlUrls {

    private MySqlUrls() {
    }

    /** The URL's database, or null when it names none. */
    static String database(String url) {
        // The driver takes jdbc:mysql: only with an option; the two schemes share one syntax.
        String mariadb = url.startsWith("jdbc:mysql:") ? "jdbc:mariadb:" + url.substring("jdbc:mysql:".length()) : url;
        try {
            Configuration conf = Configuration.parse(mariadb);
            if (conf == null) {
                throw new IllegalArgumentException("not a MariaDB/MySQL JDBC URL: " + JdbcUrls.withoutSecrets(url));
            }
            return conf.database();
        } catch (SQLException e) {
            throw new IllegalArgumentException("cannot read the URL " + JdbcUrls.withoutSecrets(url) + ": "
                    + e.getMessage(), e);
        }
    }
}
