package dev.stockroom.source.http;

import dev.stockroom.config.Secrets;
import dev.stockroom.source.SourceException;
import java.time.Duration;
import java.time.Instant;

/**
 * Auth by a token that a {@link TokenIssuer} mints and this class caches: renewed
 * {@code renewBefore} ahead of its expiry, and once more after a 401 (a token revoked or a clock
 * that drifted). The header is e.g. {@code Authorization: Bearer <token>} (Google) or
 * {@code Authorization: Ghost <jwt>} (Ghost admin).
 */
public final class SignedTokenAuth implements Auth {

    private final String header;
    private final String scheme;
    private final TokenIssuer issuer;
    private final Duration renewBefore;
    private final Timing timing;
    private final String hint;
    private TokenIssuer.IssuedToken cached;

    public SignedTokenAuth(String header, String scheme, TokenIssuer issuer, Duration renewBefore,
                           Timing timing, String hint) {
        this.header = header;
        this.scheme = scheme;
        this.issuer = issuer;
        this.renewBefore = renewBefore;
        this.timing = timing;
        this.hint = hint;
    }

    @Override
    public Request authorize(Request request) throws SourceException, InterruptedException {
        return request.withHeader(header, scheme + " " + token());
    }

    private synchronized String token() throws SourceException, InterruptedException {
        Instant now = timing.now();
        if (cached == null || !now.isBefore(cached.expiresAt().minus(renewBefore))) {
            try {
                cached = issuer.issue(now);
            } catch (SourceException | InterruptedException e) {
                throw e;
            } catch (Exception e) {
                throw SourceException.permanent("cannot create an access token: "
                        + Secrets.redact(String.valueOf(e.getMessage())) + "; " + hint, null);
            }
            Secrets.registerShortLived(cached.value());
        }
        return cached.value();
    }

    @Override
    public synchronized boolean renewAfterUnauthorized() {
        cached = null;
        return true;
    }

    @Override
    public String hint() {
        return hint;
    }

    @Override
    public String toString() {
        return "signed token in " + header + ": ***";
    }
}
