package dev.stockroom.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.cli.Main;
import dev.stockroom.warehouse.Warehouse;
import dev.stockroom.warehouse.duckdb.DuckDbDialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `stockroom demo` loads the simulated business end to end through the real connectors. */
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void the_demo_loads_every_vendor_builds_the_models_and_reuses_the_project() throws Exception {
        assertThat(Main.run("demo", "--dir", dir.toString(), "--days", "90", "--no-serve")).isZero();
        assertThat(dir.resolve("stockroom.yml")).exists();
        assertThat(dir.resolve(".env")).exists();
        long pages = count("SELECT COUNT(*) FROM ga.pages");
        assertThat(pages).isPositive();
        assertThat(count("SELECT COUNT(DISTINCT date) FROM ga.pages")).isEqualTo(90);
        for (String table : new String[] {"ghost.members", "ghost.posts", "kit.subscribers", "stripe.invoices", "mailchimp.campaign_reports",
            "plausible.pages", "analytics.member_reading", "analytics.mrr_by_month", "analytics.newsletter_rates"}) {
            assertThat(count("SELECT COUNT(*) FROM " + table)).as(table).isPositive();
        }
        // The same people across vendors: every Stripe customer is a Ghost member, by email.
        assertThat(count("SELECT COUNT(*) FROM stripe.customers c LEFT JOIN ghost.members m ON m.email = c.email "
                + "WHERE m.email IS NULL")).isZero();

        Map<String, String> before = fingerprints();
        Files.writeString(dir.resolve("models/mine.sql"), "SELECT 42 AS answer\n");
        assertThat(Main.run("demo", "--dir", dir.toString(), "--no-serve")).isZero();
        assertThat(fingerprints()).as("a second run of all six vendors changes no row").isEqualTo(before);
        assertThat(count("SELECT answer FROM analytics.mine")).isEqualTo(42);
    }

    /** Per source table: its rows, bookkeeping columns left out, as one digest. */
    private Map<String, String> fingerprints() throws Exception {
        Map<String, String> digests = new TreeMap<>();
        try (Warehouse w = Warehouse.openReadOnly(new DuckDbDialect(dir.resolve("warehouse.duckdb"), "256MB"));
             Statement s = w.connection().createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_schema || '.' || table_name FROM information_schema.tables "
                    + "WHERE table_schema NOT IN ('stockroom', 'analytics', 'main', 'information_schema', 'pg_catalog')")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).hasSizeGreaterThanOrEqualTo(20);
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) || ':' || md5(COALESCE(string_agg(CAST(x AS VARCHAR), "
                        + "'|' ORDER BY CAST(x AS VARCHAR)), '')) FROM (SELECT * EXCLUDE (_loaded_at, _run_id) FROM "
                        + table + ") x")) {
                    rs.next();
                    digests.put(table, rs.getString(1));
                }
            }
        }
        return digests;
    }

    private long count(String sql) throws Exception {
        try (Warehouse w = Warehouse.openReadOnly(new DuckDbDialect(dir.resolve("warehouse.duckdb"), "256MB"));
             Statement s = w.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
