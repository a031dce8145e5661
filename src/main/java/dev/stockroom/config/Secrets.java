package dev.stockroom.config;

import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Redacts secrets from any text that may reach a user: logs, errors, run records,
 * notifications. Every value that came from {@code ${ENV}} is treated as a secret, as are
 * passwords in JDBC URLs and credentials in URLs.
 */
public final class Secrets {

    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;\\s]*");
    private static final Pattern URL_USERINFO = Pattern.compile("(?i)(://[^/@\\s:]+:)[^/@\\s]+@");
    private static final Pattern QUERY_SECRET = Pattern.compile(
            "(?i)([?&](?:api_?key|key|token|access_token|secret|sig|signature)=)[^&\\s]*");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");

    private Secrets() {
    }

    /** Remembers a value to be redacted wherever it shows up. Short values are ignored. */
    public static void register(String secret) {
        if (secret != null && secret.length() >= 4) {
            KNOWN.add(secret);
        }
    }

    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : KNOWN.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            out = out.replace(secret, "***");
        }
        out = URL_PASSWORD.matcher(out).replaceAll("$1***");
        out = URL_USERINFO.matcher(out).replaceAll("$1***@");
        out = QUERY_SECRET.matcher(out).replaceAll("$1***");
        out = BEARER.matcher(out).replaceAll("$1***");
        return out;
    }
}
