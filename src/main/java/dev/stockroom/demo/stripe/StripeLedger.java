package dev.stockroom.demo.stripe;

import dev.stockroom.demo.DemoBusiness;
import dev.stockroom.demo.DemoBusiness.Person;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo business's Stripe account as of one instant: every person who ever paid is one
 * customer with one monthly subscription, one paid invoice and one charge per month while paying,
 * and the events those left behind. Objects are Stripe-shaped maps; lists are newest first.
 */
public final class StripeLedger {

    /** Seconds since the epoch of each object, under the key {@code created}. */
    private static final Comparator<Map<String, Object>> NEWEST_FIRST = Comparator
            .comparing((Map<String, Object> o) -> (Long) o.get("created")).reversed()
            .thenComparing(o -> (String) o.get("id"), Comparator.reverseOrder());

    public final List<Map<String, Object>> customers = new ArrayList<>();
    public final List<Map<String, Object>> subscriptions = new ArrayList<>();
    public final List<Map<String, Object>> invoices = new ArrayList<>();
    public final List<Map<String, Object>> charges = new ArrayList<>();
    public final List<Map<String, Object>> events = new ArrayList<>();

    StripeLedger(DemoBusiness business, Instant now) {
        for (Person p : business.people()) {
            if (p.paidFrom() != null) {
                person(p, now);
            }
        }
        for (List<Map<String, Object>> list : List.of(customers, subscriptions, invoices, charges, events)) {
            list.sort(NEWEST_FIRST);
        }
    }

    /** The instant something happened to a person on a day: 09:00 UTC plus the person's id in seconds. */
    private static Instant at(LocalDate day, Person p) {
        return day.atTime(9, 0).toInstant(ZoneOffset.UTC).plusSeconds(p.id());
    }

    private void person(Person p, Instant now) {
        Instant joined = at(p.paidFrom(), p);
        if (joined.isAfter(now)) {
            return;
        }
        long created = joined.getEpochSecond();
        Map<String, Object> customer = object("cus_" + p.id(), "customer", created);
        customer.put("email", p.email());
        customer.put("name", p.firstName() + " " + p.lastName());
        customer.put("currency", "eur");
        customer.put("delinquent", false);
        customer.put("metadata", Map.of("country", p.country()));
        customer.put("livemode", false);
        customers.add(customer);
        event("customer.created", customer, created);

        Instant canceled = p.churnedOn() == null ? null : at(p.churnedOn(), p);
        boolean isCanceled = canceled != null && !canceled.isAfter(now);
        Map<String, Object> subscription = object("sub_" + p.id(), "subscription", created);
        subscription.put("customer", customer.get("id"));
        subscription.put("status", "active");
        subscription.put("currency", "eur");
        subscription.put("start_date", created);
        subscription.put("cancel_at_period_end", false);
        subscription.put("canceled_at", null);
        subscription.put("ended_at", null);
        subscription.put("items", Map.of("object", "list", "data", List.of(Map.of("id", "si_" + p.id(),
                "object", "subscription_item", "quantity", 1L, "price", price()))));
        subscription.put("livemode", false);
        event("customer.subscription.created", subscription, created);
        if (isCanceled) {
            subscription = new LinkedHashMap<>(subscription);
            subscription.put("status", "canceled");
            subscription.put("canceled_at", canceled.getEpochSecond());
            subscription.put("ended_at", canceled.getEpochSecond());
            event("customer.subscription.deleted", subscription, canceled.getEpochSecond());
        }
        subscriptions.add(subscription);

        for (int month = 0; ; month++) {
            LocalDate periodStart = p.paidFrom().plusMonths(month);
            Instant billed = at(periodStart, p);
            if (billed.isAfter(now) || p.churnedOn() != null && !periodStart.isBefore(p.churnedOn())) {
                break;
            }
            long when = billed.getEpochSecond();
            String suffix = p.id() + "_" + month;
            Map<String, Object> invoice = object("in_" + suffix, "invoice", when);
            invoice.put("customer", customer.get("id"));
            invoice.put("subscription", "sub_" + p.id());
            invoice.put("status", "paid");
            invoice.put("currency", "eur");
            invoice.put("amount_due", DemoBusiness.priceCents());
            invoice.put("amount_paid", DemoBusiness.priceCents());
            invoice.put("period_start", when);
            invoice.put("period_end", at(periodStart.plusMonths(1), p).getEpochSecond());
            invoice.put("charge", "ch_" + suffix);
            invoice.put("livemode", false);
            invoices.add(invoice);
            event("invoice.paid", invoice, when);

            Map<String, Object> charge = object("ch_" + suffix, "charge", when);
            charge.put("amount", DemoBusiness.priceCents());
            charge.put("amount_refunded", 0L);
            charge.put("currency", "eur");
            charge.put("status", "succeeded");
            charge.put("paid", true);
            charge.put("refunded", false);
            charge.put("customer", customer.get("id"));
            charge.put("invoice", invoice.get("id"));
            charge.put("livemode", false);
            charges.add(charge);
            event("charge.succeeded", charge, when);
        }
    }

    private static Map<String, Object> price() {
        return Map.of("id", "price_margin_monthly", "object", "price", "currency", "eur",
                "unit_amount", DemoBusiness.priceCents(), "recurring", Map.of("interval", "month"));
    }

    private static Map<String, Object> object(String id, String type, long created) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", id);
        o.put("object", type);
        o.put("created", created);
        return o;
    }

    private void event(String type, Map<String, Object> snapshot, long created) {
        Map<String, Object> e = object("evt_" + snapshot.get("id") + "_" + type.substring(type.lastIndexOf('.') + 1),
                "event", created);
        e.put("type", type);
        e.put("api_version", StripeTwin.API_VERSION);
        e.put("livemode", false);
        e.put("pending_webhooks", 0L);
        e.put("data", Map.of("object", new LinkedHashMap<>(snapshot)));
        events.add(e);
    }
}
