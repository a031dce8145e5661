package dev.stockroom.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockroom.source.ExcludedFields;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Paths reach nested objects through lists, globs and any depth; the connector's maps are never changed. */
class FieldExclusionTest {

    private static Map<String, Object> apply(ExcludedFields fields, Map<String, Object> record) {
        return FieldExclusion.of(fields).apply(record);
    }

    private static ExcludedFields chosen(String... paths) {
        return ExcludedFields.NONE.withChosen(List.of(paths));
    }

    @Test
    void a_nested_path_drops_one_field_and_keeps_its_siblings_and_the_input_unchanged() {
        Map<String, Object> record = Map.of("id", 1, "profile", Map.of("city", "Berlin", "notes", "private"));
        Map<String, Object> out = apply(chosen("profile.notes"), record);
        assertThat(out).isEqualTo(Map.of("id", 1, "profile", Map.of("city", "Berlin")));
        assertThat(record).isEqualTo(Map.of("id", 1, "profile", Map.of("city", "Berlin", "notes", "private")));
    }

    @Test
    void lists_are_looked_through_and_any_depth_reaches_every_level() {
        Map<String, Object> record = Map.of("id", "in_1",
                "lines", List.of(Map.of("price", 5, "client_secret", "a"), Map.of("price", 7)),
                "payments", Map.of("data", List.of(Map.of("intent", Map.of("id", "pi", "client_secret", "b")))));
        Map<String, Object> out = apply(ExcludedFields.NONE.withVendorCredentials("**.client_secret"), record);
        assertThat(out.toString()).doesNotContain("client_secret").contains("price=5").contains("id=pi");
    }

    @Test
    void globs_match_within_a_name_case_insensitively_and_by_column_name() {
        Map<String, Object> record = Map.of("accessToken", "t", "API_TOKEN", "u", "tokens", 3, "pagePath", "/x");
        Map<String, Object> out = apply(ExcludedFields.NONE.withVendorCredentials().withChosen(List.of("page_path")),
                record);
        assertThat(out).isEqualTo(Map.of("tokens", 3));
    }

    @Test
    void a_path_that_names_nothing_changes_nothing_and_returns_the_same_record() {
        Map<String, Object> record = Map.of("id", 1, "profile", Map.of("city", "Berlin"));
        assertThat(apply(chosen("profil.city", "nosuch"), record)).isSameAs(record);
    }

    @Test
    void dropped_names_the_key_fields_an_exclusion_would_remove() {
        assertThat(FieldExclusion.dropped(chosen("id", "profile.id"), List.of("id", "day"))).containsExactly("id");
        assertThat(FieldExclusion.dropped(chosen("**.*_id"), List.of("member_id", "day"))).containsExactly("member_id");
    }
}
