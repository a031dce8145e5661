package dev.stockroom.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamespaceTest {

    @Test
    void duckdb_and_postgres_name_schemas_as_they_are() {
        assertThat(Namespace.NONE.schema("site")).isEqualTo("site");
        assertThat(Namespace.NONE.logical("anything")).contains("anything");
        assertThat(Namespace.NONE.likePattern()).isEqualTo("%");
        assertThat(Namespace.NONE.prefixes()).isFalse();
    }

    @Test
    void on_mariadb_each_schema_is_a_database_prefixed_by_the_urls_database() {
        Namespace dw = Namespace.prefixed("dw");
        assertThat(dw.schema("site")).isEqualTo("dw__site");
        assertThat(dw.schema(Warehouse.META)).isEqualTo("dw__stockroom");
        assertThat(dw.logical("dw__site")).contains("site");
        assertThat(dw.logical("DW__Site")).as("queries may write names in either case").contains("Site");
        assertThat(dw.logical("site")).isEmpty();
        assertThat(dw.logical("dw__")).isEmpty();
        assertThat(dw.likePattern()).isEqualTo("dw\\_\\_%");
    }

    @Test
    void projects_whose_names_share_a_beginning_never_name_the_same_database() {
        Namespace dw = Namespace.prefixed("dw");
        Namespace dwX = Namespace.prefixed("dw_x");
        // Were the separator one '_', both would be dw_x_site.
        assertThat(dw.schema("x_site")).isNotEqualTo(dwX.schema("site"));
        assertThat(dw.logical(dwX.schema("site"))).as("dw's mapping skips dw_x's databases").isEmpty();
        assertThat(dw.logical(dw.schema("x_site"))).contains("x_site");
        assertThat(dwX.schema("site")).isEqualTo("dw_x__site");
        assertThat(dwX.likePattern()).isEqualTo("dw\\_x\\_\\_%");
    }

    @Test
    void a_url_without_a_database_or_with_an_ambiguous_one_is_refused_with_the_fix() {
        assertThatThrownBy(() -> Namespace.prefixed(null)).hasMessageContaining("names no database")
                .hasMessageContaining("jdbc:mariadb://127.0.0.1:3306/dw?user=dw");
        assertThatThrownBy(() -> Namespace.prefixed("dw__a")).hasMessageContaining("'__'");
        assertThatThrownBy(() -> Namespace.prefixed("dw_")).hasMessageContaining("ends with '_'");
    }

    @Test
    void a_schema_whose_database_name_would_pass_64_characters_is_refused() {
        Namespace dw = Namespace.prefixed("d".repeat(40));
        assertThat(dw.schema("s".repeat(22))).hasSize(64);
        assertThatThrownBy(() -> dw.schema("s".repeat(23))).hasMessageContaining("65 characters")
                .hasMessageContaining("shorten");
    }
}
