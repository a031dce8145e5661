package dev.stockroom.source.http;

import java.time.Instant;

/**
 * Mints a short-lived token: a Google service-account JWT exchanged for an access token (RS256,
 * then a POST to {@code token_uri}), or a Ghost admin JWT signed locally with HS256. The
 * {@link SignedTokenAuth} around it caches the token and asks again shortly before it expires.
 */
@FunctionalInterface
public interface TokenIssuer {

    /** A token and the instant it stops being valid. */
    record IssuedToken(String value, Instant expiresAt) {
        @Override
        public String toString() {
            return "token expiring " + expiresAt;
        }
    }

    /**
     * @throws dev.stockroom.source.SourceException when the credentials are refused (permanent)
     *         or the token endpoint is unreachable (transient)
     */
    IssuedToken issue(Instant now) throws Exception;
}
