package dev.stockroom.warehouse;

import dev.stockroom.config.Secrets;

/** JDBC URL helpers. */
public final class JdbcUrls {

    private JdbcUrls() {
    }

    /** The URL as it may appear in messages: passwords and user-info credentials removed. */
    public static String withoutSecrets(String url) {
        return Secrets.redact(url);
    }

    /**
     * The URL with each of {@code parameters} set to its value (an existing one replaced, whatever
     * its case) and each of {@code removed} taken out: drivers let URL parameters win over
     * connection properties, so what must hold is written into the URL itself.
     */
    public static String withParameters(String url, java.util.Map<String, String> parameters,
                                        java.util.Set<String> removed) {
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        java.util.Set<String> dropped = new java.util.HashSet<>();
        parameters.keySet().forEach(k -> dropped.add(k.toLowerCase(java.util.Locale.ROOT)));
        removed.forEach(k -> dropped.add(k.toLowerCase(java.util.Locale.ROOT)));
        java.util.List<String> kept = new java.util.ArrayList<>();
        if (q >= 0) {
            for (String pair : url.substring(q + 1).split("&")) {
                String key = pair.split("=", 2)[0];
                if (!pair.isEmpty() && !dropped.contains(key.toLowerCase(java.util.Locale.ROOT))) {
                    kept.add(pair);
                }
            }
        }
        parameters.forEach((k, v) -> kept.add(k + "=" + java.net.URLEncoder.encode(v,
                java.nio.charset.StandardCharsets.UTF_8)));
        return kept.isEmpty() ? base : base + "?" + String.join("&", kept);
    }
}
