package dev.stockroom.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockroom.source.SourceException;
import dev.stockroom.source.http.ScriptedServer.Reply;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PaginationTest {

    private final ApiClient client = ApiClient.builder().timing(new FakeTiming()).readTimeout(Duration.ofSeconds(5))
            .build();
    private final CollectingSink sink = new CollectingSink();

    /** {"id":from},...,{"id":to-1} */
    private static String ids(long from, long to) {
        return LongStream.range(from, to).mapToObj(i -> "{\"id\":" + i + "}").collect(Collectors.joining(","));
    }

    private long read(ScriptedServer server, Pagination pagination, String records) throws Exception {
        return new PageReader(client, pagination, JsonPath.parse(records), true)
                .readAll("orders", Request.get(server.url("/v1/orders")).withParam("status", "all"), sink);
    }

    @Test
    void page_numbers_count_up_until_an_empty_page() throws Exception {
        try (ScriptedServer server = new ScriptedServer((request, n) -> {
            int page = Integer.parseInt(request.params().get("page"));
            return Reply.json("{\"data\":[" + (page <= 3 ? ids(page * 10L, page * 10L + 2) : "") + "]}");
        })) {
            long count = read(server, new PageNumberPagination("page", 1, "per_page", 2, null), "$.data");
            assertThat(count).isEqualTo(6);
            assertThat(sink.field("id")).containsExactly(10L, 11L, 20L, 21L, 30L, 31L);
            assertThat(server.requests()).extracting(s -> s.params().get("page")).containsExactly("1", "2", "3", "4");
            assertThat(server.requests().get(0).params()).containsEntry("per_page", "2").containsEntry("status", "all");
            assertThat(sink.pages).hasSize(4).first().asString().contains("orders page 1: 2 records");
        }
    }

    @Test
    void page_numbers_stop_at_the_total_pages_the_body_reports() throws Exception {
        try (ScriptedServer server = new ScriptedServer((request, n) -> Reply.json("{\"members\":[" + ids(n, n + 1)
                + "],\"meta\":{\"pagination\":{\"page\":" + n + ",\"pages\":2}}}"))) {
            long count = read(server, new PageNumberPagination("page", 1, null, 0,
                    JsonPath.parse("$.meta.pagination.pages")), "$.members");
            assertThat(count).isEqualTo(2);
            assertThat(server.requests()).hasSize(2);
        }
    }

    @Test
    void offsets_move_by_the_records_returned_and_stop_at_the_total() throws Exception {
        try (ScriptedServer server = new ScriptedServer((request, n) -> {
            long offset = Long.parseLong(request.params().get("offset"));
            long end = Math.min(offset + 3, 7); // the server caps the page at 3 although 5 were asked
            return Reply.json("{\"total_items\":7,\"members\":[" + ids(offset, end) + "]}");
        })) {
            long count = read(server, new OffsetPagination("offset", "count", 5, JsonPath.parse("$.total_items")),
                    "$.members");
            assertThat(count).isEqualTo(7);
            assertThat(sink.field("id")).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
            assertThat(server.requests()).extracting(s -> s.params().get("offset")).containsExactly("0", "3", "6");
            assertThat(server.requests().get(0).params()).containsEntry("count", "5");
        }
    }

    @Test
    void offsets_without_a_total_stop_on_an_empty_page() throws Exception {
        try (ScriptedServer server = new ScriptedServer((request, n) -> {
            long offset = Long.parseLong(request.params().get("offset"));
            return Reply.json("[" + (offset < 4 ? ids(offset, offset + 2) : "") + "]");
        })) {
            assertThat(read(server, new OffsetPagination("offset", "limit", 2, null), "$")).isEqualTo(4);
            assertThat(server.requests()).hasSize(3);
        }
    }

    @Test
    void cursor_from_the_body_is_found_even_after_the_records() throws Exception {
        try (ScriptedServer server = new ScriptedServer((request, n) -> {
            String cursor = request.params().get("cursor");
            if (cursor == null) {
                return Reply.json("{\"data\":[" + ids(1, 3) + "],\"next\":\"c2\"}");
            }
            if (cursor.equals("c2")) {
                return Reply.json("{\"next\":\"c3\",\"data\":[" + ids(3, 5) + "]}");
            }
            return Reply.json("{\"data\":[" + ids(5, 6) + "],\"next\":null}");
        })) {
            long count = read(server, new CursorPagination("cursor", JsonPath.parse("$.next"), null, null), "$.data");
            assertThat(count).isEqualTo(5);
            assertThat(server.requests()).extracting(s -> s.params().get("cursor")).containsExactly(null, "c2", "c3");
        }
    }

    @Test
    void cursor_stops_when_has_more_is_false() throws Exception {
        try (ScriptedServer server = new ScriptedServer((request, n) -> Reply.json("{\"subscribers\":[" + ids(n, n + 1)
                + "],\"pagination\":{\"has_next_page\":" + (n < 2) + ",\"end_cursor\":\"WzE" + n + "XQ==\"}}"))) {
            long count = read(server, new CursorPagination("after", JsonPath.parse("$.pagination.end_cursor"), null,
                    JsonPath.parse("$.pagination.has_next_page")), "$.subscribers[*]");
            assertThat(count).isEqualTo(2);
            assertThat(server.requests().get(1).params()).containsEntry("after", "WzE1XQ==");
        }
    }

    @Test
    void cursor_from_a_response_header() throws Exception {
        try (ScriptedServer server = new ScriptedServer((request, n) -> {
            Reply reply = Reply.json("[" + ids(n, n + 1) + "]");
            return n < 3 ? reply.header("X-Next-Cursor", "k" + n) : reply;
        })) {
            long count = read(server, new CursorPagination("page_token", null, "X-Next-Cursor", null), "$");
            assertThat(count).isEqualTo(3);
            assertThat(server.requests()).extracting(s -> s.params().get("page_token"))
                    .containsExactly(null, "k1", "k2");
        }
    }

    @Test
    void link_header_next_links_are_followed_until_there_is_none() throws Exception {
        ScriptedServer[] self = new ScriptedServer[1];
        try (ScriptedServer server = new ScriptedServer((request, n) -> {
            Reply reply = Reply.json("[" + ids(n, n + 1) + "]");
            if (n == 1) {
                // absolute, with a second relation before it
                return reply.header("Link", "<" + self[0].url("/v1/orders?page=1") + ">; rel=\"first\", <"
                        + self[0].url("/v1/orders?page=2&status=all") + ">; rel=\"next\"");
            }
            if (n == 2) {
                return reply.header("Link", "</v1/orders?page=3&status=all>; rel=\"next last\"");
            }
            return reply.header("Link", "</v1/orders?page=1>; rel=\"first\"");
        })) {
            self[0] = server;
            long count = read(server, new LinkHeaderPagination(), "$");
            assertThat(count).isEqualTo(3);
            assertThat(server.requests()).extracting(s -> s.params().get("page")).containsExactly(null, "2", "3");
        }
    }

    @Test
    void none_reads_one_page() throws Exception {
        try (ScriptedServer server = ScriptedServer.sequence(Reply.json("{\"data\":[" + ids(0, 3) + "]}"))) {
            assertThat(read(server, Pagination.none(), "$.data")).isEqualTo(3);
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void a_repeating_cursor_fails_clearly_instead_of_looping_for_ever() throws Exception {
        try (ScriptedServer server = new ScriptedServer((request, n) ->
                Reply.json("{\"data\":[" + ids(n, n + 1) + "],\"next\":\"same\"}"))) {
            assertThatThrownBy(() -> read(server, new CursorPagination("cursor", JsonPath.parse("$.next"), null, null),
                    "$.data"))
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.isTransient()).isFalse())
                    .hasMessageContaining("paging of orders does not advance: page 3")
                    .hasMessageContaining("cursor=same")
                    .hasMessageContaining("already fetched as page 2")
                    .hasMessageContaining("cursor_path $.next");
            assertThat(server.requests()).hasSize(2);
        }
    }

    @Test
    void a_next_link_pointing_back_fails_clearly() throws Exception {
        try (ScriptedServer server = new ScriptedServer((request, n) ->
                Reply.json("[" + ids(n, n + 1) + "]").header("Link", "</v1/orders?status=all>; rel=next"))) {
            assertThatThrownBy(() -> read(server, new LinkHeaderPagination(), "$"))
                    .hasMessageContaining("does not advance")
                    .hasMessageContaining("link_header");
        }
    }

    @Test
    void a_malformed_page_fails_permanently_naming_the_url_without_secrets() throws Exception {
        String key = "qk_SECRET_777";
        try (ScriptedServer server = new ScriptedServer((request, n) -> n == 1
                ? Reply.json("{\"data\":[" + ids(0, 2) + "]}")
                : Reply.json("{\"data\":[{\"id\":3},{\"id\":4,,]}"))) {
            ApiClient keyed = ApiClient.builder().timing(new FakeTiming())
                    .auth(Auth.apiKeyQuery("apikey", key, "check auth.value")).build();
            assertThatThrownBy(() -> new PageReader(keyed, new PageNumberPagination("page", 1, null, 0, null),
                    JsonPath.parse("$.data"), true).readAll("orders", Request.get(server.url("/v1/orders")), sink))
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.isTransient()).isFalse())
                    .hasMessageContaining("malformed JSON from " + server.url("/v1/orders?page=2"))
                    .hasMessageContaining("line 1")
                    .hasMessageNotContaining(key);
            assertThat(server.requests().get(1).params()).containsEntry("apikey", key);
        }
    }

    @Test
    void a_wrong_records_path_names_the_keys_that_are_there() throws Exception {
        try (ScriptedServer server = ScriptedServer.sequence(Reply.json("{\"results\":[],\"meta\":{}}"))) {
            assertThatThrownBy(() -> read(server, Pagination.none(), "$.data"))
                    .hasMessageContaining("no records at $.data")
                    .hasMessageContaining("top-level keys are results, meta");
        }
    }

    @Test
    void a_sink_failure_reaches_the_caller_unchanged() throws Exception {
        IllegalStateException boom = new IllegalStateException("disk full");
        try (ScriptedServer server = ScriptedServer.sequence(Reply.json("[{\"id\":1}]"))) {
            assertThatThrownBy(() -> new PageReader(client, Pagination.none(), JsonPath.ROOT, true)
                    .readAll("orders", Request.get(server.url("/x")), record -> {
                        throw boom;
                    })).isSameAs(boom);
        }
    }
}
