package dev.stockroom.warehouse;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** User SQL run the two ways a reader could be driven: a plain statement, and the dashboard's capped query. */
final class ReaderQueries {

    private ReaderQueries() {
    }

    /** {@code sql} fails as a plain statement on the reader (which would run several) and through CappedQuery. */
    static void refused(Dialect dialect, String sql) throws Exception {
        try (Warehouse r = Warehouse.openReadOnly(dialect); Statement s = r.connection().createStatement()) {
            assertThatThrownBy(() -> {
                s.execute(sql);
                while (s.getMoreResults() || s.getUpdateCount() != -1) {
                    // every result of every statement, so a later one that fails is seen
                }
            }).as(sql).isInstanceOf(SQLException.class);
        }
        assertThatThrownBy(() -> capped(dialect, sql)).as(sql).isInstanceOf(SQLException.class);
    }

    /** The rows of {@code sql} through CappedQuery on a reader. */
    static List<List<Object>> capped(Dialect dialect, String sql) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (Warehouse r = Warehouse.openReadOnly(dialect)) {
            CappedQuery.run(r, sql, new CappedQuery.Limits(100, 1 << 20, Duration.ofSeconds(30)),
                    (rs, i, type) -> rs.getObject(i), new CappedQuery.Sink() {
                        @Override
                        public void columns(List<String> names) {
                        }

                        @Override
                        public void row(List<Object> values) {
                            rows.add(values);
                        }
                    });
        }
        return rows;
    }
}
