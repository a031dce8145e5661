package dev.stockroom.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} with the environment, falling back to a {@code .env} file beside the
 * config. Which substituted values are secrets is decided where the value is read
 * ({@link ConfigNode}), from the variable's name and the key it fills.
 */
public final class EnvSubstitution {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final Function<String, String> environment;
    private final Map<String, String> dotEnv;

    public EnvSubstitution(Function<String, String> environment, Map<String, String> dotEnv) {
        this.environment = environment;
        this.dotEnv = dotEnv;
    }

    /** The process environment plus {@code .env} in the given folder (the environment wins). */
    public static EnvSubstitution forFolder(Path folder) {
        return new EnvSubstitution(System::getenv, readDotEnv(folder.resolve(".env")));
    }

    /** Resolves the references in text; an unset variable without default is an error. */
    public String resolve(String text, String where) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = lookup(name);
            if (value == null) {
                value = m.group(2);
            }
            if (value == null) {
                throw new ConfigException(where + ": environment variable " + name
                        + " is not set; export it or add " + name + "=... to .env beside the config");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The names of the variables a text refers to. */
    static java.util.List<String> variables(String text) {
        return REFERENCE.matcher(text).results().map(r -> r.group(1)).toList();
    }

    private String lookup(String name) {
        String value = environment.apply(name);
        return value != null ? value : dotEnv.get(name);
    }

    static Map<String, String> readDotEnv(Path file) {
        Map<String, String> values = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return values;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#") || !trimmed.contains("=")) {
                    continue;
                }
                if (trimmed.startsWith("export ")) {
                    trimmed = trimmed.substring(7).strip();
                }
                int eq = trimmed.indexOf('=');
                String value = trimmed.substring(eq + 1).strip();
                if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                        || value.startsWith("'") && value.endsWith("'"))) {
                    value = value.substring(1, value.length() - 1);
                }
                values.put(trimmed.substring(0, eq).strip(), value);
            }
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return values;
    }
}
