package dev.stockroom.demo.stripe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the twin renders an object at an API version. The ledger keeps objects in the shape of
 * {@link StripeTwin#API_VERSION}; from {@link #BASIL} on, Stripe moved fields (stripe-node's
 * CHANGELOG for 2025-03-31.basil): {@code Invoice.subscription} into
 * {@code parent.subscription_details.subscription} and {@code Invoice.charge}/{@code paid} gone,
 * {@code Charge.invoice} gone, {@code Subscription.current_period_start/end} onto each
 * subscription item.
 */
final class StripeVersions {

    static final String BASIL = "2025-03-31.basil";

    private StripeVersions() {
    }

    /** Stripe's versions are dates with a release name after them: they sort as text. */
    static boolean atLeast(String version, String than) {
        return version.compareTo(than) >= 0;
    }

    static Map<String, Object> render(Map<String, Object> object, String version) {
        if (!atLeast(version, BASIL)) {
            return object;
        }
        Map<String, Object> out = new LinkedHashMap<>(object);
        switch (String.valueOf(object.get("object"))) {
            case "invoice" -> {
                Object subscription = out.remove("subscription");
                out.remove("charge");
                out.remove("paid");
                out.put("parent", subscription == null ? null : Map.of("type", "subscription_details",
                        "subscription_details", Map.of("subscription", subscription, "metadata", Map.of())));
            }
            case "charge" -> out.remove("invoice");
            case "subscription" -> {
                Object start = out.remove("current_period_start");
                Object end = out.remove("current_period_end");
                if (out.get("items") instanceof Map<?, ?> items && items.get("data") instanceof List<?> data) {
                    List<Map<String, Object>> moved = new ArrayList<>();
                    for (Object item : data) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) item);
                        copy.put("current_period_start", start);
                        copy.put("current_period_end", end);
                        moved.add(copy);
                    }
                    Map<String, Object> list = new LinkedHashMap<>();
                    items.forEach((k, v) -> list.put(String.valueOf(k), v));
                    list.put("data", moved);
                    out.put("items", list);
                }
            }
            default -> {
            }
        }
        return out;
    }
}
