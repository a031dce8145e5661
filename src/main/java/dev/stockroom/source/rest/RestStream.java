package dev.stockroom.source.rest;

import dev.stockroom.source.StreamSpec;
import dev.stockroom.source.http.JsonPath;
import dev.stockroom.source.http.Pagination;
import java.util.Map;

/**
 * One stream of a {@code rest} source, as configured.
 *
 * @param incremental null for a stream read whole on every run
 */
record RestStream(StreamSpec spec, String path, Map<String, String> params, JsonPath records,
                  Pagination pagination, RestIncremental incremental) {
}
