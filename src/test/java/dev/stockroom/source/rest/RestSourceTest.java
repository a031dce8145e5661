package dev.stockroom.source.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockroom.config.ConfigException;
import dev.stockroom.config.ConfigNode;
import dev.stockroom.config.SourceConfig;
import dev.stockroom.source.DayRange;
import dev.stockroom.source.Incremental;
import dev.stockroom.source.ReadRequest;
import dev.stockroom.source.Source;
import dev.stockroom.source.SourceException;
import dev.stockroom.source.SourceTypes;
import dev.stockroom.source.StreamSpec;
import dev.stockroom.source.WriteMode;
import dev.stockroom.source.http.CollectingSink;
import dev.stockroom.source.http.ScriptedServer;
import dev.stockroom.source.http.ScriptedServer.Reply;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RestSourceTest {

    private final CollectingSink sink = new CollectingSink();

    private static Source source(String yaml) {
        ConfigNode node = ConfigNode.ofYaml(yaml, "stockroom.yml");
        SourceConfig config = new SourceConfig(node.string("name"), node.string("type"), ZoneId.of("UTC"),
                Duration.ofDays(7), "13 8 * * *", Optional.empty(), Duration.ofDays(2), node, true);
        return SourceTypes.create(config);
    }

    private static StreamSpec stream(Source source, String name) {
        return source.streams().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void reads_the_shop_example_with_cursor_paging_and_a_day_window() throws Exception {
        try (ScriptedServer server = new ScriptedServer((request, n) -> {
            String cursor = request.params().get("cursor");
            return cursor == null
                    ? Reply.json("{\"data\":[{\"id\":1,\"total\":9.5},{\"id\":2,\"total\":3}],\"next\":\"p2\"}")
                    : Reply.json("{\"data\":[{\"id\":3,\"total\":1}],\"next\":null}");
        })) {
            Source shop = source("""
                    name: shop
                    type: rest                    # any JSON API, no code
                    base_url: "%s"
                    auth: { type: bearer, token: "shop_tok_ABCDEF" }
                    headers: { Accept-Version: "v5.0" }
                    streams:
                      - name: orders
                        path: /orders
                        records: "$.data"
                        primary_key: id
                        paginate: { type: cursor, cursor_path: "$.next", param: cursor }
                        incremental: { start_param: updated_since, format: "yyyy-MM-dd" }
                    """.formatted(server.url("/v1")));
            StreamSpec orders = stream(shop, "orders");
            assertThat(orders.incremental()).isEqualTo(Incremental.DAY_WINDOW);
            assertThat(orders.writeMode()).isEqualTo(WriteMode.MERGE);
            assertThat(orders.primaryKey()).containsExactly("id");

            shop.read(orders, new ReadRequest(new DayRange(LocalDate.parse("2024-05-01"),
                    LocalDate.parse("2024-05-03")), null, ZoneId.of("UTC")), sink);

            assertThat(sink.field("id")).containsExactly(1L, 2L, 3L);
            List<ScriptedServer.Seen> seen = server.requests();
            assertThat(seen).extracting(ScriptedServer.Seen::path).containsOnly("/v1/orders");
            assertThat(seen.get(0).params()).containsExactly(java.util.Map.entry("updated_since", "2024-05-01"));
            assertThat(seen.get(1).params()).containsEntry("updated_since", "2024-05-01").containsEntry("cursor", "p2");
            assertThat(seen.get(0).header("Authorization")).isEqualTo("Bearer shop_tok_ABCDEF");
            assertThat(seen.get(0).header("Accept-Version")).isEqualTo("v5.0");
            assertThat(sink.pages).containsExactly("shop.orders page 1: 2 records", "shop.orders page 2: 1 records");
        }
    }

    @Test
    void day_windows_can_be_sent_as_unix_seconds_with_an_exclusive_end_in_the_source_timezone() throws Exception {
        try (ScriptedServer server = ScriptedServer.sequence(Reply.json("[{\"day\":\"2024-05-01\",\"visits\":3}]"))) {
            Source stats = source("""
                    name: stats
                    type: rest
                    base_url: "%s"
                    streams:
                      - name: daily
                        path: stats
                        params: { site_id: example.com }
                        incremental: { start_param: "created[gte]", end_param: "created[lt]", format: unix,
                                       end_inclusive: false, day_field: day }
                    """.formatted(server.url("")));
            StreamSpec daily = stream(stats, "daily");
            assertThat(daily.writeMode()).isEqualTo(WriteMode.REPLACE_WINDOW);
            stats.read(daily, new ReadRequest(DayRange.of(LocalDate.parse("2024-05-01")), null,
                    ZoneId.of("Europe/Berlin")), sink);
            // 2024-05-01T00:00+02:00 and 2024-05-02T00:00+02:00
            assertThat(server.requests().get(0).params())
                    .containsEntry("site_id", "example.com")
                    .containsEntry("created[gte]", "1714514400")
                    .containsEntry("created[lt]", "1714600800");
            assertThat(sink.records).hasSize(1);
        }
    }

    @Test
    void cursor_streams_send_the_saved_cursor_and_checkpoint_the_largest_value_seen() throws Exception {
        try (ScriptedServer server = new ScriptedServer((request, n) -> Reply.json(n == 1
                ? "{\"members\":[{\"id\":\"a\",\"updated_at\":\"2024-05-03T10:00:00Z\"},"
                  + "{\"id\":\"b\",\"updated_at\":\"2024-05-04T09:00:00+02:00\"}],\"total_items\":3}"
                : "{\"members\":[{\"id\":\"c\",\"updated_at\":\"2024-05-02T08:00:00Z\"}],\"total_items\":3}"))) {
            Source list = source("""
                    name: list
                    type: rest
                    base_url: "%s"
                    auth: { type: basic, username: any, password: "mc-key-0001-us19" }
                    streams:
                      - name: members
                        path: /lists/l1/members
                        records: "$.members"
                        primary_key: id
                        paginate: { type: offset, offset_param: offset, limit_param: count, limit: 2,
                                    total_path: "$.total_items" }
                        incremental: { cursor_field: updated_at, cursor_param: since_last_changed }
                    """.formatted(server.url("/3.0")));
            StreamSpec members = stream(list, "members");
            assertThat(members.incremental()).isEqualTo(Incremental.CURSOR);

            list.read(members, new ReadRequest(null, "2024-05-01T00:00:00+00:00", ZoneId.of("UTC")), sink);

            assertThat(sink.field("id")).containsExactly("a", "b", "c");
            assertThat(server.requests()).hasSize(2);
            assertThat(server.requests().get(0).params()).containsEntry("since_last_changed", "2024-05-01T00:00:00+00:00")
                    .containsEntry("offset", "0").containsEntry("count", "2");
            // 09:00+02:00 is 07:00Z, later than 10:00Z the day before: compared as instants, not text.
            assertThat(sink.checkpoints).containsExactly("2024-05-04T09:00:00+02:00");
        }
    }

    @Test
    void a_first_cursor_run_with_since_sends_the_window_start_and_no_records_means_no_checkpoint() throws Exception {
        try (ScriptedServer server = ScriptedServer.sequence(Reply.json("{\"data\":[]}"))) {
            Source s = source("""
                    name: s
                    type: rest
                    base_url: "%s"
                    streams:
                      - name: events
                        path: /events
                        records: $.data
                        primary_key: id
                        incremental: { cursor_field: created, start_param: created_after, format: unix }
                    """.formatted(server.url("")));
            s.read(stream(s, "events"), new ReadRequest(DayRange.of(LocalDate.parse("2024-05-01")), null,
                    ZoneId.of("UTC")), sink);
            assertThat(server.requests().get(0).params()).containsEntry("created_after", "1714521600");
            assertThat(sink.checkpoints).isEmpty();
        }
    }

    @Test
    void check_does_one_get_of_the_first_streams_first_page() throws Exception {
        try (ScriptedServer server = ScriptedServer.sequence(Reply.json("{\"items\":[{\"id\":1}]}"))) {
            Source s = source("""
                    name: s
                    type: rest
                    base_url: "%s"
                    auth: { type: api_key, name: api_key, value: "qkey-998877", in: query }
                    streams:
                      - { name: items, path: /items, records: "$.items[*]",
                          paginate: { type: page, param: p, size_param: per_page, size: 50 } }
                      - { name: other, path: /other }
                    """.formatted(server.url("")));
            s.check();
            assertThat(server.requests()).hasSize(1);
            assertThat(server.requests().get(0).params()).containsEntry("p", "1").containsEntry("per_page", "50")
                    .containsEntry("api_key", "qkey-998877");
            assertThat(stream(s, "other").incremental()).isEqualTo(Incremental.FULL);
            assertThat(stream(s, "other").writeMode()).isEqualTo(WriteMode.REPLACE);
        }
    }

    @Test
    void a_refused_token_fails_the_stream_naming_the_setting_and_hiding_the_token() throws Exception {
        try (ScriptedServer server = ScriptedServer.sequence(Reply.status(401, "{\"error\":\"bad token\"}"))) {
            Source s = source("""
                    name: shop
                    type: rest
                    base_url: "%s"
                    auth: { type: bearer, token: "shop_tok_ZYXWVU" }
                    streams: [ { name: orders, path: /orders, records: $.data } ]
                    """.formatted(server.url("/v1")));
            assertThatThrownBy(s::check)
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.isTransient()).isFalse())
                    .hasMessage("401 Unauthorized from " + server.host() + "/v1/orders: check the token given in "
                            + "auth.token (server said: {\"error\":\"bad token\"})");
        }
    }

    @Test
    void a_misspelled_key_is_reported_with_file_line_and_the_nearest_key() {
        assertThatThrownBy(() -> source("""
                name: shop
                type: rest
                base_url: "https://api.example.com/v1"
                streams:
                  - name: orders
                    path: /orders
                    recrods: "$.data"
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("stockroom.yml:7")
                .hasMessageContaining("unknown key 'recrods'")
                .hasMessageContaining("did you mean 'records'?");
    }

    @Test
    void paginate_keys_belong_to_their_type() {
        assertThatThrownBy(() -> source("""
                name: shop
                type: rest
                base_url: "https://api.example.com/v1"
                streams:
                  - name: orders
                    path: /orders
                    primary_key: id
                    paginate:
                      type: offset
                      size_param: per_page
                """))
                .hasMessageContaining("stockroom.yml:10")
                .hasMessageContaining("unknown key 'size_param'");
        assertThatThrownBy(() -> source("""
                name: shop
                type: rest
                base_url: "https://api.example.com/v1"
                streams:
                  - { name: orders, path: /orders, paginate: { type: cursr, param: c } }
                """))
                .hasMessageContaining("'cursr' is not one of")
                .hasMessageContaining("did you mean 'cursor'?");
    }

    @Test
    void bad_values_are_refused_where_they_stand() {
        assertThatThrownBy(() -> source("""
                name: shop
                type: rest
                base_url: "ftp://example.com"
                streams: [ { name: a, path: /a } ]
                """)).hasMessageContaining("stockroom.yml:3").hasMessageContaining("not an http(s) URL");
        assertThatThrownBy(() -> source("""
                name: shop
                type: rest
                base_url: "https://example.com"
                streams: [ { name: a, path: /a, records: "$.data[0]" } ]
                """)).hasMessageContaining("not a supported JSONPath");
        assertThatThrownBy(() -> source("""
                name: shop
                type: rest
                base_url: "https://example.com"
                streams: [ { name: a, path: /a, incremental: { start_param: since } } ]
                """)).hasMessageContaining("needs incremental.day_field");
        assertThatThrownBy(() -> source("""
                name: shop
                type: rest
                base_url: "https://example.com"
                streams: [ { name: a, path: /a, primary_key: id, incremental: { start_param: s, format: "yyyy-qq-ii" } } ]
                """)).hasMessageContaining("is not a date format");
        assertThatThrownBy(() -> source("""
                name: shop
                type: rest
                base_url: "https://example.com"
                auth: { type: api_key, name: key, value: v1234, in: body }
                streams: [ { name: a, path: /a } ]
                """)).hasMessageContaining("'body' is not one of");
        assertThatThrownBy(() -> source("""
                name: shop
                type: rest
                base_url: "https://example.com"
                """)).hasMessageContaining("needs at least one stream");
    }
}
