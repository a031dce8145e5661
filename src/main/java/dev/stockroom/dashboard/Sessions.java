package dev.stockroom.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The login wall: one shared password, compared as a hash in constant time, and a random session
 * token per login. Guessing is slowed by {@link LoginThrottle}, not here.
 */
final class Sessions {

    static final String COOKIE = "stockroom_session";
    static final Duration LIFETIME = Duration.ofHours(12);

    private final byte[] passwordHash;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();

    Sessions(Optional<String> password, Clock clock) {
        this.passwordHash = password.map(Sessions::hash).orElse(null);
        this.clock = clock;
    }

    boolean required() {
        return passwordHash != null;
    }

    boolean valid(String token) {
        if (!required()) {
            return true;
        }
        if (token == null) {
            return false;
        }
        Instant expires = tokens.get(token);
        if (expires == null || expires.isBefore(clock.instant())) {
            tokens.remove(token);
            return false;
        }
        return true;
    }

    /** A new session token when the password is right; empty when wrong. */
    Optional<String> login(String attempt) {
        if (attempt == null || !MessageDigest.isEqual(passwordHash, hash(attempt))) {
            return Optional.empty();
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.put(token, clock.instant().plus(LIFETIME));
        return Optional.of(token);
    }
    void logout(String token) {
        if (token != null) {
            tokens.remove(token);
        }
    }

    private static byte[] hash(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
