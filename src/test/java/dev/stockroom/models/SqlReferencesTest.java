package dev.stockroom.models;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlReferencesTest {

    @Test
    void tables_after_from_and_join_are_found_and_columns_are_not() {
        String sql = """
                SELECT o.id, m.plan FROM shop.orders o, "site"."members" m
                JOIN web.daily d ON d.day = o.day
                WHERE o.note <> 'from fake.table' -- from other.table
                """;
        assertThat(SqlReferences.tables(sql)).extracting(Object::toString)
                .containsExactly("shop.orders", "site.members", "web.daily");
    }

    @Test
    void models_are_the_analytics_tables_a_query_reads() {
        assertThat(SqlReferences.models("select * from analytics.a join ANALYTICS.b using (id)"))
                .containsExactly("a", "b");
    }
}
