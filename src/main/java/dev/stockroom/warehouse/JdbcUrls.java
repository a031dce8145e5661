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
}
