package dev.stockroom.demo.ghost;

import java.time.Clock;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a site's owner does that the demo story does not, as Ghost 5.130 shows it (vendors.md §4):
 * deletions leave no trace in the list endpoints; moving a post back to draft bumps its
 * {@code updated_at}; bulk label changes and bulk unsubscribes do not bump {@code members.updated_at};
 * a fresh site has {@code last_seen_at} and {@code email_open_rate} null on every member.
 */
public final class GhostEdits {

    private final Clock clock;
    private final Set<String> deleted = new HashSet<>();
    private final Map<String, String> drafts = new LinkedHashMap<>();
    private final Map<String, String> relabelled = new LinkedHashMap<>();
    private final Set<String> unsubscribed = new HashSet<>();
    private boolean fresh;
    private String importedAt;
    private long version;

    GhostEdits(Clock clock) {
        this.clock = clock;
    }

    /** Deletes a member or a post. */
    public synchronized void delete(String id) {
        deleted.add(id);
        version++;
    }

    /** Moves a published post back to draft, now. */
    public synchronized void unpublish(String postId) {
        drafts.put(postId, GhostSite.time(clock.instant()));
        version++;
    }

    /** A bulk action that gives the member this one label; {@code updated_at} stays. */
    public synchronized void relabel(String memberId, String label) {
        relabelled.put(memberId, label);
        version++;
    }

    /** A bulk unsubscribe: no newsletters any more; {@code updated_at} stays. */
    public synchronized void unsubscribe(String memberId) {
        unsubscribed.add(memberId);
        version++;
    }

    /** A site where nobody has been seen or opened an email yet (on), or the story's values again (off). */
    public synchronized void freshSite(boolean on) {
        fresh = on;
        version++;
    }

    /** A bulk import: every member's {@code updated_at} becomes now, the same instant for all. */
    public synchronized void importAll() {
        importedAt = GhostSite.time(clock.instant());
        version++;
    }

    /** Whether an order ends on {@code id}, so that no two records tie. */
    static boolean breaksTies(String order) {
        String[] items = order.split(",");
        return items[items.length - 1].strip().split("\\s+")[0].equals("id");
    }

    synchronized long version() {
        return version;
    }

    synchronized void applyTo(GhostSite site) {
        site.members.removeIf(m -> deleted.contains((String) m.get("id")));
        site.posts.removeIf(p -> deleted.contains((String) p.get("id")));
        for (Map<String, Object> post : site.posts) {
            String when = drafts.get((String) post.get("id"));
            if (when != null) {
                post.put("status", "draft");
                post.put("updated_at", when);
            }
        }
        for (Map<String, Object> member : site.members) {
            String id = (String) member.get("id");
            String label = relabelled.get(id);
            if (label != null) {
                member.put("labels", List.of(Map.of("id", "66" + String.format("%022x", label.hashCode() & 0xffff),
                        "name", label, "slug", label)));
            }
            if (unsubscribed.contains(id)) {
                member.put("subscribed", false);
                member.put("newsletters", List.of());
            }
            if (importedAt != null) {
                member.put("updated_at", importedAt);
            }
            if (fresh) {
                member.put("last_seen_at", null);
                member.put("email_open_rate", null);
            }
        }
    }

    /**
     * Ghost's {@code order}: {@code field [asc|desc]} items separated by commas, compared as the
     * JSON values (ISO times compare as text); nulls first. Null when no order was asked.
     */
    static Comparator<Map<String, Object>> order(String order) {
        if (order == null || order.isBlank()) {
            return null;
        }
        Comparator<Map<String, Object>> out = null;
        for (String item : order.split(",")) {
            String[] parts = item.strip().split("\\s+");
            if (parts.length > 2 || !parts[0].matches("[a-z_]+")
                    || parts.length == 2 && !parts[1].matches("(?i)asc|desc")) {
                throw new IllegalArgumentException("cannot order by '" + item.strip() + "'");
            }
            String field = parts[0];
            Comparator<Map<String, Object>> one = Comparator.comparing(m -> m.get(field) == null ? null
                    : String.valueOf(m.get(field)), Comparator.nullsFirst(Comparator.<String>naturalOrder()));
            if (parts.length == 2 && parts[1].equalsIgnoreCase("desc")) {
                one = one.reversed();
            }
            out = out == null ? one : out.thenComparing(one);
        }
        return out;
    }
}
