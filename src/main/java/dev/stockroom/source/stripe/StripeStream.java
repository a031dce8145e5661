package dev.stockroom.source.stripe;

import dev.stockroom.source.StreamSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Stripe objects Stockroom loads: the list endpoint of each, its extra list parameters, and
 * the event types that carry its changes.
 */
enum StripeStream {
    CUSTOMERS("customers", "/customers", Map.of(),
            List.of("customer.created", "customer.updated", "customer.deleted"), Set.of("customer.deleted")),
    // Without status=all Stripe leaves canceled subscriptions out of the list.
    SUBSCRIPTIONS("subscriptions", "/subscriptions", Map.of("status", "all"),
            List.of("customer.subscription.created", "customer.subscription.updated",
                    "customer.subscription.deleted", "customer.subscription.paused",
                    "customer.subscription.resumed", "customer.subscription.trial_will_end"), Set.of()),
    INVOICES("invoices", "/invoices", Map.of(),
            List.of("invoice.created", "invoice.finalized", "invoice.updated", "invoice.paid",
                    "invoice.payment_failed", "invoice.payment_succeeded", "invoice.voided",
                    "invoice.marked_uncollectible", "invoice.deleted"), Set.of("invoice.deleted")),
    CHARGES("charges", "/charges", Map.of(),
            List.of("charge.succeeded", "charge.failed", "charge.pending", "charge.updated", "charge.refunded",
                    "charge.captured", "charge.expired"), Set.of());

    /** Fields holding Unix seconds: stored as timestamps (UTC). */
    static final List<String> TIME_FIELDS = List.of("created", "canceled_at", "ended_at", "start_date",
            "period_start", "period_end", "trial_start", "trial_end", "cancel_at", "current_period_start",
            "current_period_end", "billing_cycle_anchor", "due_date", "effective_at", "next_payment_attempt",
            "webhooks_delivered_at");

    final String streamName;
    final String path;
    final Map<String, String> listParams;
    /** At most 20, the cap on {@code types[]}. */
    final List<String> eventTypes;
    /** Event types that mean the object is gone (a canceled subscription is not: it stays, canceled). */
    final Set<String> deleteEvents;

    StripeStream(String streamName, String path, Map<String, String> listParams, List<String> eventTypes,
                 Set<String> deleteEvents) {
        this.streamName = streamName;
        this.path = path;
        this.listParams = listParams;
        this.eventTypes = eventTypes;
        this.deleteEvents = deleteEvents;
    }

    StreamSpec spec() {
        // Declared, so that a first page where every such field is null cannot make them text.
        Map<String, dev.stockroom.source.FieldType> types = new java.util.HashMap<>();
        TIME_FIELDS.forEach(f -> types.put(f, dev.stockroom.source.FieldType.TIMESTAMP));
        // A PaymentIntent or SetupIntent inside an invoice or subscription carries a client_secret
        // that completes the payment from a browser: never stored, at any depth.
        // Events show every change, deletions included (*.deleted): no periodic complete read is needed.
        return StreamSpec.cursor(streamName, List.of("id")).withCredentialFields("**.client_secret")
                .withFieldTypes(types).withMirroring(null, java.time.Duration.ZERO);
    }

    static StripeStream of(StreamSpec spec) {
        for (StripeStream s : values()) {
            if (s.streamName.equals(spec.name())) {
                return s;
            }
        }
        throw new IllegalArgumentException("stripe has no stream " + spec.name());
    }
}
