package dev.stockroom.warehouse.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.warehouse.Namespace;
import org.junit.jupiter.api.Test;

class LockNamesTest {

    @Test
    void a_lock_name_carries_the_project_so_the_same_source_elsewhere_is_another_lock() {
        assertThat(LockNames.of(Namespace.prefixed("dw"), "site")).isEqualTo("stockroom:dw:site");
        assertThat(LockNames.of(Namespace.prefixed("shop_dw"), "site")).isEqualTo("stockroom:shop_dw:site");
    }

    @Test
    void a_name_longer_than_mysql_allows_becomes_a_digest_of_64_characters_distinct_per_project_and_source() {
        Namespace longName = Namespace.prefixed("a".repeat(50));
        String one = LockNames.of(longName, "site");
        String two = LockNames.of(longName, "shop");
        assertThat(one).hasSize(LockNames.MAX).startsWith("stockroom:").isNotEqualTo(two);
        assertThat(LockNames.of(Namespace.prefixed("b".repeat(50)), "site")).isNotEqualTo(one);
    }
}
