package dev.stockroom.source.http;

import dev.stockroom.config.Secrets;
import dev.stockroom.source.SourceException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How requests prove who is asking. Every connector builds one of these instead of setting
 * credentials itself, so that secrets are registered for redaction in one place and a refused
 * request always says which setting to check.
 */
public interface Auth {

    /** The request with its credentials added. May fetch or sign a token first. */
    Request authorize(Request request) throws SourceException, InterruptedException;

    /** What the owner should check when the server refuses the credentials (401/403). */
    String hint();

    /**
     * Called after a 401. Auth that mints short-lived tokens drops its cached token and answers
     * true, so the request is tried once more with a fresh one; static credentials answer false.
     */
    default boolean renewAfterUnauthorized() {
        return false;
    }

    static Auth none() {
        return new HeaderAuth(null, null, "the API asked for credentials; add an auth section to the source");
    }

    /** {@code Authorization: Bearer <token>}. */
    static Auth bearer(String token, String hint) {
        Secrets.register(token);
        return new HeaderAuth("Authorization", "Bearer " + token, hint);
    }

    /** {@code Authorization: Basic base64(user:password)}. */
    static Auth basic(String username, String password, String hint) {
        Secrets.register(password);
        String encoded = Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        Secrets.register(encoded);
        return new HeaderAuth("Authorization", "Basic " + encoded, hint);
    }

    /** An API key sent as a header, e.g. {@code X-Kit-Api-Key}. */
    static Auth apiKeyHeader(String header, String key, String hint) {
        Secrets.register(key);
        return new HeaderAuth(header, key, hint);
    }

    /** An API key sent as a query parameter, e.g. {@code ?api_key=...}. */
    static Auth apiKeyQuery(String param, String key, String hint) {
        Secrets.register(key);
        return new QueryKeyAuth(param, key, hint);
    }
}
