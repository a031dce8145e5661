package dev.stockroom.source;

import dev.stockroom.config.ConfigNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The keys every configured stream has: {@code name}, {@code primary_key}, {@code write_mode},
 * {@code exclude_fields} (paths of fields never stored, see {@link ExcludedFields}), {@code deletes}
 * and {@code reconcile}.
 *
 * @param deletes   null when not set ({@code soft})
 * @param reconcile null when not set (7 days for cursor streams), {@link Duration#ZERO} for {@code off}
 */
public record StreamSettings(String name, List<String> primaryKey, WriteMode writeMode, List<String> excludeFields,
                             DeleteMode deletes, Duration reconcile) {

    private static final Map<String, DeleteMode> DELETES = Arrays.stream(DeleteMode.values())
            .collect(Collectors.toMap(DeleteMode::configName, m -> m, (a, b) -> a, LinkedHashMap::new));

    private static final Map<String, WriteMode> MODES = Arrays.stream(WriteMode.values())
            .collect(Collectors.toMap(WriteMode::configName, m -> m, (a, b) -> a, LinkedHashMap::new));

    public static StreamSettings read(ConfigNode node) {
        String name = node.string("name");
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw node.error("name", "'" + name + "' cannot name a table; use letters, digits and _");
        }
        return new StreamSettings(name, node.strings("primary_key"), node.optChoice("write_mode", MODES).orElse(null),
                node.strings("exclude_fields"), deletes(node), reconcile(node));
    }

    /** {@code deletes: soft | hard | off}, or null when not set. */
    public static DeleteMode deletes(ConfigNode node) {
        Map<String, DeleteMode> choices = new LinkedHashMap<>(DELETES);
        // YAML 1.1 reads an unquoted off as false.
        choices.put("false", DeleteMode.OFF);
        if (node.optString("deletes").filter(t -> !choices.containsKey(t)).isPresent()) {
            return node.optChoice("deletes", DELETES).orElse(null);
        }
        return node.optChoice("deletes", choices).orElse(null);
    }

    /** {@code reconcile: 7d} or {@code off} (as {@link Duration#ZERO}), or null when not set. */
    public static Duration reconcile(ConfigNode node) {
        if (node.optString("reconcile").filter(t -> t.strip().equals("off") || t.strip().equals("false")).isPresent()) {
            return Duration.ZERO;
        }
        Duration every = node.optDuration("reconcile").orElse(null);
        if (every != null && every.isZero()) {
            throw node.error("reconcile", "write a period such as 7d, or off");
        }
        return every;
    }

    /** Checks that the write mode fits the stream, naming the fix. */
    public StreamSpec apply(StreamSpec spec, ConfigNode node) {
        spec = spec.withExcludeFields(excludeFields).withMirroring(deletes, reconcile);
        if (writeMode == null) {
            return spec;
        }
        try {
            return spec.withWriteMode(writeMode);
        } catch (IllegalArgumentException e) {
            throw node.error("write_mode", e.getMessage());
        }
    }
}
