package dev.stockroom.source;

import dev.stockroom.config.ConfigNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The keys every configured stream has: {@code name}, {@code primary_key}, {@code write_mode},
 * {@code exclude_fields} (paths of fields never stored, see {@link ExcludedFields}).
 */
public record StreamSettings(String name, List<String> primaryKey, WriteMode writeMode, List<String> excludeFields) {

    private static final Map<String, WriteMode> MODES = Arrays.stream(WriteMode.values())
            .collect(Collectors.toMap(WriteMode::configName, m -> m, (a, b) -> a, LinkedHashMap::new));

    public static StreamSettings read(ConfigNode node) {
        String name = node.string("name");
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw node.error("name", "'" + name + "' cannot name a table; use letters, digits and _");
        }
        return new StreamSettings(name, node.strings("primary_key"), node.optChoice("write_mode", MODES).orElse(null),
                node.strings("exclude_fields"));
    }

    /** Checks that the write mode fits the stream, naming the fix. */
    public StreamSpec apply(StreamSpec spec, ConfigNode node) {
        spec = spec.withExcludeFields(excludeFields);
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
