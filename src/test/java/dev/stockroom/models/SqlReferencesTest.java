package dev.stockroom.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.warehouse.Namespace;
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
        assertThat(SqlReferences.models("select * from analytics.a join ANALYTICS.b using (id)", Namespace.NONE))
                .containsExactly("a", "b");
    }

    @Test
    void on_mariadb_the_projects_prefixed_databases_are_read_as_its_schemas_and_others_are_not_its_tables() {
        Namespace dw = Namespace.prefixed("dw");
        String sql = "SELECT * FROM dw__site.members m JOIN `dw__analytics`.`paid` p USING (id) "
                + "JOIN site.members legacy USING (id) JOIN dw_x__site.members other USING (id) JOIN DW__web.daily d";
        assertThat(SqlReferences.tables(sql, dw)).extracting(Object::toString)
                .containsExactly("site.members", "analytics.paid", "web.daily");
        assertThat(SqlReferences.models(sql, dw)).containsExactly("paid");
        assertThat(SqlReferences.models("SELECT * FROM analytics.paid", dw))
                .as("analytics.paid is a server-wide database there, not this project's model").isEmpty();
    }
}
