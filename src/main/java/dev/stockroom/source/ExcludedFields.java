package dev.stockroom.source;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Fields of a stream's records that are never stored: the connector's {@code credentials} (vendor
 * fields that are credentials, such as a key in an unsubscribe link or a client secret) and the
 * owner's {@code exclude_fields}. The pipeline drops them before a record is spooled; a connector
 * only declares them.
 *
 * <p>A path names a field, dotted for nested objects ({@code customer.address}); lists are looked
 * through, so {@code lines.price} reaches the price of every line. A segment may hold {@code *}
 * (any characters of one name) and {@code **} stands for any depth ({@code **.*_token} is a
 * {@code _token} field anywhere). Names match case-insensitively, as sent or as their snake_case
 * column. A path that names nothing excludes nothing.
 */
public record ExcludedFields(List<String> credentials, List<String> chosen) {

    public static final ExcludedFields NONE = new ExcludedFields(List.of(), List.of());

    /** Names that are credentials whichever vendor or API sends them. */
    public static final List<String> ANY_VENDOR = List.of("**.*_token", "**.*_secret");

    public ExcludedFields {
        credentials = List.copyOf(credentials);
        chosen = List.copyOf(chosen);
    }

    /** Everything a stream drops: what its spec declares and the source-level {@code exclude_fields} for it. */
    public static ExcludedFields of(dev.stockroom.config.SourceConfig source, StreamSpec stream) {
        return stream.excluded().withChosen(source.excludeFields(stream.name()));
    }

    /** With {@link #ANY_VENDOR} and the given paths as credentials: what vendor and rest connectors declare. */
    public ExcludedFields withVendorCredentials(String... paths) {
        LinkedHashSet<String> all = new LinkedHashSet<>(credentials);
        all.addAll(List.of(paths));
        all.addAll(ANY_VENDOR);
        return new ExcludedFields(new ArrayList<>(all), chosen);
    }

    /** With the owner's paths added. */
    public ExcludedFields withChosen(List<String> paths) {
        LinkedHashSet<String> all = new LinkedHashSet<>(chosen);
        all.addAll(paths);
        return new ExcludedFields(credentials, new ArrayList<>(all));
    }

    public boolean isEmpty() {
        return credentials.isEmpty() && chosen.isEmpty();
    }

    public List<String> all() {
        List<String> out = new ArrayList<>(credentials);
        out.addAll(chosen);
        return out;
    }

    /** "credentials: unsubscribe_url, **.*_token; exclude_fields: note", for status and --dry-run. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!credentials.isEmpty()) {
            parts.add("credentials: " + String.join(", ", credentials));
        }
        if (!chosen.isEmpty()) {
            parts.add("exclude_fields: " + String.join(", ", chosen));
        }
        return String.join("; ", parts);
    }
}
