package dev.stockroom.source.rest;

import dev.stockroom.config.ConfigNode;
import dev.stockroom.source.DeleteMode;
import dev.stockroom.source.Incremental;
import dev.stockroom.source.StreamSettings;
import dev.stockroom.source.StreamSpec;
import dev.stockroom.source.WriteMode;
import dev.stockroom.source.http.CursorPagination;
import dev.stockroom.source.http.JsonPath;
import dev.stockroom.source.http.LinkHeaderPagination;
import dev.stockroom.source.http.OffsetPagination;
import dev.stockroom.source.http.PageNumberPagination;
import dev.stockroom.source.http.Pagination;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads one entry of a {@code rest} source's {@code streams:} list. */
final class RestStreamConfig {

    private static final Map<String, String> PAGINATION_TYPES = Map.of(
            "page", "page", "offset", "offset", "cursor", "cursor", "link_header", "link_header", "none", "none");

    private RestStreamConfig() {
    }

    static RestStream read(ConfigNode node) {
        String name = node.string("name");
        String path = node.string("path");
        Map<String, String> params = node.stringMap("params");
        JsonPath records = jsonPath(node, "records", "$");
        List<String> primaryKey = node.strings("primary_key");
        WriteMode writeMode = node.optChoice("write_mode", writeModes()).orElse(null);
        Pagination pagination = node.optObject("paginate").map(RestStreamConfig::pagination)
                .orElse(Pagination.none());
        RestIncremental incremental = node.optObject("incremental").map(RestIncremental::read).orElse(null);
        List<String> excludeFields = node.strings("exclude_fields");
        DeleteMode deletes = StreamSettings.deletes(node);
        java.time.Duration reconcile = StreamSettings.reconcile(node);
        node.finish();

        Incremental kind = incremental == null ? Incremental.FULL : incremental.kind();
        String dayField = incremental == null ? null : incremental.dayField();
        if (writeMode == null && primaryKey.isEmpty() && kind == Incremental.DAY_WINDOW && dayField == null) {
            throw node.error("incremental", "a day-window stream without primary_key is written with replace_window, "
                    + "which needs incremental.day_field (the field holding each record's day); or give a primary_key");
        }
        try {
            StreamSpec spec = new StreamSpec(name, primaryKey, writeMode, kind, dayField, null)
                    .withCredentialFields().withExcludeFields(excludeFields).withMirroring(deletes, reconcile);
            return new RestStream(spec, path, params, records, pagination, incremental);
        } catch (IllegalArgumentException e) {
            throw node.error(writeMode != null ? "write_mode" : "primary_key", e.getMessage());
        }
    }

    private static Map<String, WriteMode> writeModes() {
        Map<String, WriteMode> modes = new LinkedHashMap<>();
        Arrays.stream(WriteMode.values()).forEach(m -> modes.put(m.configName(), m));
        return modes;
    }

    static Pagination pagination(ConfigNode node) {
        String type = node.optChoice("type", PAGINATION_TYPES).orElseThrow(() -> node.missing("type"));
        Pagination pagination = switch (type) {
            case "page" -> new PageNumberPagination(
                    node.string("param", "page"),
                    node.integer("start", 1),
                    node.optString("size_param").orElse(null),
                    node.integer("size", 100),
                    optJsonPath(node, "total_pages_path"));
            case "offset" -> new OffsetPagination(
                    node.string("offset_param", "offset"),
                    node.string("limit_param", "limit"),
                    node.integer("limit", 100),
                    optJsonPath(node, "total_path"));
            case "cursor" -> cursor(node);
            case "link_header" -> new LinkHeaderPagination();
            default -> Pagination.none();
        };
        node.finish();
        return pagination;
    }

    private static Pagination cursor(ConfigNode node) {
        String param = node.string("param");
        JsonPath body = optJsonPath(node, "cursor_path");
        String header = node.optString("cursor_header").orElse(null);
        JsonPath hasMore = optJsonPath(node, "has_more_path");
        if ((body == null) == (header == null)) {
            throw node.error(body == null ? "" : "cursor_header", "a cursor comes from the body (cursor_path: \"$.next\") "
                    + "or from a response header (cursor_header: X-Next-Cursor); give exactly one");
        }
        return new CursorPagination(param, body, header, hasMore);
    }

    private static JsonPath jsonPath(ConfigNode node, String key, String fallback) {
        JsonPath path = optJsonPath(node, key);
        return path != null ? path : JsonPath.parse(fallback);
    }

    private static JsonPath optJsonPath(ConfigNode node, String key) {
        return node.optString(key).map(text -> {
            try {
                return JsonPath.parse(text);
            } catch (IllegalArgumentException e) {
                throw node.error(key, e.getMessage());
            }
        }).orElse(null);
    }

    static String names(List<RestStream> streams) {
        return streams.stream().map(s -> s.spec().name()).collect(Collectors.joining(", "));
    }
}
