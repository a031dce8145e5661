package dev.stockroom.source.googleanalytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockroom.source.StreamUnavailableException;
import dev.stockroom.source.http.ApiClient;
import dev.stockroom.source.http.Request;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The dimension and metric names a property offers, from {@code getMetadata}
 * ({@code GET /v1beta/properties/{id}/metadata}: {@code dimensions[].apiName},
 * {@code metrics[].apiName}, custom definitions included, e.g. {@code customUser:member_status}).
 */
final class PropertyMetadata {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String propertyId;
    private final Set<String> names;

    private PropertyMetadata(String propertyId, Set<String> names) {
        this.propertyId = propertyId;
        this.names = names;
    }

    static PropertyMetadata fetch(ApiClient client, String url, String propertyId) throws Exception {
        JsonNode body = client.execute(Request.get(url), response -> JSON.readTree(response.body()));
        Set<String> names = new HashSet<>();
        for (String list : List.of("dimensions", "metrics")) {
            body.path(list).forEach(item -> names.add(item.path("apiName").asText()));
        }
        return new PropertyMetadata(propertyId, Set.copyOf(names));
    }

    /**
     * @throws StreamUnavailableException naming the first custom field the property has not
     *         registered, and the two ways out (register it, or turn the stream off)
     */
    void requireAll(GoogleAnalyticsReport report, String where) throws StreamUnavailableException {
        for (String field : report.customFields()) {
            if (!names.contains(field)) {
                int colon = field.indexOf(':');
                String scope = switch (field.substring(0, colon)) {
                    case "customUser" -> "user-scoped dimension";
                    case "customEvent" -> report.metrics().contains(field) ? "event-scoped metric"
                            : "event-scoped dimension";
                    case "customItem" -> "item-scoped dimension";
                    default -> "custom definition";
                };
                String parameter = field.substring(colon + 1);
                throw new StreamUnavailableException("GA4 property " + propertyId + " has no " + scope + " '"
                        + parameter + "' (" + field + "), which " + where + " reads; register the " + scope + " "
                        + parameter + " in GA4 Admin (Custom definitions), or remove the stream (exclude_streams: ["
                        + report.name() + "])");
            }
        }
    }

    @Override
    public String toString() {
        return "metadata of GA4 property " + propertyId + " (" + names.size() + " names)";
    }
}
