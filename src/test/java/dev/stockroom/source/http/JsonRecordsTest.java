package dev.stockroom.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRecordsTest {

    private final List<Map<String, Object>> records = new ArrayList<>();

    private Page read(String body, String path, String... captures) throws Exception {
        Response response = new Response(200, URI.create("http://x/y"), HttpHeaders.of(Map.of(), (a, b) -> true),
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        return JsonRecords.read(response, JsonPath.parse(path),
                java.util.Arrays.stream(captures).map(JsonPath::parse).toList(), records::add);
    }

    @Test
    void values_become_plain_java_values() throws Exception {
        read("{\"data\":[{\"id\":7,\"big\":123456789012345678901234567890,\"amount\":12.50,\"ok\":true,"
                + "\"none\":null,\"tags\":[\"a\",1],\"address\":{\"city\":\"Bonn\"}}]}", "$.data");
        Map<String, Object> r = records.get(0);
        assertThat(r.get("id")).isEqualTo(7L);
        assertThat(r.get("big")).isEqualTo(new BigDecimal("123456789012345678901234567890"));
        assertThat(r.get("amount")).isEqualTo(new BigDecimal("12.50"));
        assertThat(r.get("ok")).isEqualTo(true);
        assertThat(r).containsEntry("none", null);
        assertThat(r.get("tags")).isEqualTo(List.of("a", 1L));
        assertThat(r.get("address")).isEqualTo(Map.of("city", "Bonn"));
    }

    @Test
    void finds_records_at_the_top_level_and_at_nested_paths() throws Exception {
        assertThat(read("[{\"id\":1},{\"id\":2}]", "$").records()).isEqualTo(2);
        assertThat(read("{\"a\":{\"skip\":[1,2,{\"x\":[]}],\"b\":[{\"id\":3}]}}", "$.a.b").records()).isEqualTo(1);
        assertThat(read("{\"items\":[{\"id\":4}]}", "$.items[*]").records()).isEqualTo(1);
        assertThat(records).extracting(r -> r.get("id")).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void captures_values_before_and_after_the_records() throws Exception {
        Page page = read("{\"meta\":{\"total\":40},\"data\":[{\"id\":1}],\"paging\":{\"next\":\"abc\"}}", "$.data",
                "$.meta.total", "$.paging.next", "$.absent");
        assertThat(page.number(JsonPath.parse("$.meta.total"))).contains(40L);
        assertThat(page.text(JsonPath.parse("$.paging.next"))).contains("abc");
        assertThat(page.value(JsonPath.parse("$.absent"))).isEmpty();
        assertThat(page.topLevelKeys()).containsExactly("meta", "data", "paging");
    }

    @Test
    void scalar_records_are_wrapped_and_a_missing_or_null_array_has_no_records() throws Exception {
        read("{\"data\":[\"a\",\"b\"]}", "$.data");
        assertThat(records).containsExactly(Map.of("value", "a"), Map.of("value", "b"));
        assertThat(read("{\"data\":null}", "$.data").recordsFound()).isTrue();
        Page missing = read("{\"rowCount\":0}", "$.rows");
        assertThat(missing.recordsFound()).isFalse();
        assertThat(missing.records()).isZero();
    }

    @Test
    void rejects_broken_and_trailing_content() {
        assertThatThrownBy(() -> read("{\"data\":[{\"id\":1}", "$.data")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> read("[] []", "$")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> read("<html>", "$")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> read("", "$")).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void json_paths_outside_the_subset_are_refused_with_the_forms_that_work() {
        assertThat(JsonPath.parse("$['odd.key'].b").fields()).containsExactly("odd.key", "b");
        assertThatThrownBy(() -> JsonPath.parse("$.data[0].id")).hasMessageContaining("write $ (the whole body)");
        assertThatThrownBy(() -> JsonPath.parse("data")).hasMessageContaining("not a supported JSONPath");
    }

    @Test
    void link_header_values_are_parsed_per_rfc_8288() {
        assertThat(LinkHeaderPagination.nextLink("<https://a/x?page=2>; rel=\"next\", <https://a/x?page=9>; rel=last"))
                .contains("https://a/x?page=2");
        assertThat(LinkHeaderPagination.nextLink("<https://a/x?p=9>; rel=\"last\"")).isEmpty();
        assertThat(LinkHeaderPagination.nextLink("<https://a/x?p=3>;rel=NEXT")).contains("https://a/x?p=3");
    }
}
