package dev.stockroom.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One mapping of the configuration, read key by key by the code that owns it. Every read
 * remembers the key, so that {@link #finish()} can reject keys nobody asked for and suggest the
 * nearest valid one: the list of valid keys is the code itself, never a second list to keep in
 * step. Every error names file, line and key.
 */
public final class ConfigNode {

    private final JsonNode node;
    private final String path;
    private final ConfigFile file;
    private final Set<String> known = new LinkedHashSet<>();

    ConfigNode(JsonNode node, String path, ConfigFile file) {
        this.node = node;
        this.path = path;
        this.file = file;
        if (!node.isObject()) {
            throw errorAt(path, "expected a mapping of keys, found " + describe(node));
        }
    }

    /** A mapping read from YAML text, for tests and embedded configs. */
    public static ConfigNode ofYaml(String yaml, String fileName) {
        YamlTree tree = YamlTree.parse(yaml, fileName);
        return new ConfigNode(tree.root(), "", new ConfigFile(fileName, tree,
                new EnvSubstitution(System::getenv, Map.of()), java.nio.file.Path.of("").toAbsolutePath()));
    }

    public String path() {
        return path;
    }

    public boolean has(String key) {
        known.add(key);
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    public String string(String key) {
        return optString(key).orElseThrow(() -> missing(key));
    }

    public Optional<String> optString(String key) {
        return raw(key).map(v -> {
            if (!v.isValueNode() || v.isNull()) {
                throw errorAt(child(key), "expected text, found " + describe(v));
            }
            return resolve(v.asText(), child(key));
        });
    }

    public String string(String key, String fallback) {
        return optString(key).orElse(fallback);
    }

    public Optional<Long> optLong(String key) {
        return raw(key).map(v -> {
            if (v.isIntegralNumber()) {
                return v.asLong();
            }
            String text = resolve(v.asText(), child(key));
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw errorAt(child(key), "expected a whole number, found '" + text + "'");
            }
        });
    }

    public long integer(String key, long fallback) {
        return optLong(key).orElse(fallback);
    }

    public Optional<Double> optDouble(String key) {
        return raw(key).map(v -> {
            if (v.isNumber()) {
                return v.asDouble();
            }
            try {
                return Double.parseDouble(v.asText().trim());
            } catch (NumberFormatException e) {
                throw errorAt(child(key), "expected a number, found '" + v.asText() + "'");
            }
        });
    }

    public boolean bool(String key, boolean fallback) {
        return raw(key).map(v -> {
            if (v.isBoolean()) {
                return v.asBoolean();
            }
            String text = v.asText().trim().toLowerCase();
            if (text.equals("true") || text.equals("yes")) {
                return true;
            }
            if (text.equals("false") || text.equals("no")) {
                return false;
            }
            throw errorAt(child(key), "expected true or false, found '" + v.asText() + "'");
        }).orElse(fallback);
    }

    public Optional<Duration> optDuration(String key) {
        return optString(key).map(text -> parse(key, text, Durations::parse));
    }

    public Optional<LocalDate> optDate(String key) {
        return optString(key).map(text -> parse(key, text, t -> {
            try {
                return LocalDate.parse(t.trim());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + t + "' is not a date; write ISO dates like 2024-01-31");
            }
        }));
    }

    public Optional<ZoneId> optZone(String key) {
        return optString(key).map(text -> parse(key, text, t -> {
            try {
                return ZoneId.of(t.trim());
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("'" + t + "' is not a timezone; write an IANA name like "
                        + "Europe/Berlin or UTC");
            }
        }));
    }

    /** A value that must be one of the given words. */
    public <T> Optional<T> optChoice(String key, Map<String, T> choices) {
        return optString(key).map(text -> {
            T value = choices.get(text);
            if (value == null) {
                throw errorAt(child(key), "'" + text + "' is not one of " + String.join(", ", choices.keySet())
                        + Nearest.hint(text, choices.keySet()));
            }
            return value;
        });
    }

    /** A list of words; a single word is accepted as a list of one. */
    public List<String> strings(String key) {
        Optional<JsonNode> value = raw(key);
        if (value.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (value.get().isArray()) {
            int i = 0;
            for (JsonNode item : value.get()) {
                if (!item.isValueNode()) {
                    throw errorAt(child(key) + "[" + i + "]", "expected text, found " + describe(item));
                }
                out.add(resolve(item.asText(), child(key) + "[" + i + "]"));
                i++;
            }
        } else if (value.get().isValueNode()) {
            for (String part : resolve(value.get().asText(), child(key)).split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        } else {
            throw errorAt(child(key), "expected a list, found " + describe(value.get()));
        }
        return out;
    }

    public Optional<ConfigNode> optObject(String key) {
        return raw(key).map(v -> new ConfigNode(v, child(key), file));
    }

    public ConfigNode object(String key) {
        return optObject(key).orElseThrow(() -> missing(key));
    }

    /** A list of mappings, e.g. {@code sources} or a source's {@code streams}. */
    public List<ConfigNode> objects(String key) {
        Optional<JsonNode> value = raw(key);
        if (value.isEmpty()) {
            return List.of();
        }
        if (!value.get().isArray()) {
            throw errorAt(child(key), "expected a list (lines starting with '-'), found " + describe(value.get()));
        }
        List<ConfigNode> out = new ArrayList<>();
        int i = 0;
        for (JsonNode item : value.get()) {
            out.add(new ConfigNode(item, child(key) + "[" + i++ + "]", file));
        }
        return out;
    }

    /** All entries of a free-form mapping of words (e.g. HTTP headers or query params). */
    public Map<String, String> stringMap(String key) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        Optional<JsonNode> value = raw(key);
        if (value.isEmpty()) {
            return out;
        }
        if (!value.get().isObject()) {
            throw errorAt(child(key), "expected a mapping, found " + describe(value.get()));
        }
        Iterator<Map.Entry<String, JsonNode>> fields = value.get().fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            String where = child(key) + "." + e.getKey();
            if (!e.getValue().isValueNode()) {
                throw errorAt(where, "expected text, found " + describe(e.getValue()));
            }
            out.put(e.getKey(), resolve(e.getValue().asText(), where));
        }
        return out;
    }

    /** The keys of this mapping, in file order (for mappings keyed by the user's names). */
    public List<String> keys() {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** The single key of a one-key mapping such as {@code - telegram: {...}}. */
    public String singleKey() {
        if (node.size() != 1) {
            throw errorAt(path, "expected exactly one key here, found " + node.size());
        }
        return node.fieldNames().next();
    }

    /** Rejects keys that no code asked for, naming the nearest valid key. */
    public void finish() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw errorAt(child(name), "unknown key '" + name + "'" + Nearest.hint(name, known)
                        + (known.isEmpty() ? "" : " (valid keys here: " + String.join(", ", known) + ")"));
            }
        }
    }

    /** An error about a key of this mapping, with file and line. */
    public ConfigException error(String key, String message) {
        return errorAt(key.isEmpty() ? path : child(key), message);
    }

    private ConfigException errorAt(String fullPath, String message) {
        return new ConfigException(file.where(fullPath) + ": " + message);
    }

    public ConfigException missing(String key) {
        return new ConfigException(file.where(path) + ": missing required key '" + key + "'");
    }

    /** The folder relative paths in the config resolve against. */
    public java.nio.file.Path baseDir() {
        return file.baseDir();
    }

    private Optional<JsonNode> raw(String key) {
        known.add(key);
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    /**
     * Substitutes {@code ${VARIABLES}} and registers the value with {@link Secrets} when its key
     * or a variable's name says it is one: every configured value passes here, so no reader of a
     * key has to remember to.
     */
    private String resolve(String text, String fullPath) {
        String value = file.env().resolve(text, file.where(fullPath));
        Secrets.registerConfigured(fullPath, EnvSubstitution.variables(text), value);
        return value;
    }

    private <T> T parse(String key, String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw errorAt(child(key), e.getMessage());
        }
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String describe(JsonNode v) {
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        return "'" + v.asText() + "'";
    }
}
