package dev.stockroom.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens a form must carry for a POST to be served, so a page on another site cannot submit one
 * (it cannot read our pages to learn the token).
 *
 * <p>With a password, the token is bound to the login session ({@code HMAC(key, session)}). Without
 * one there is no session, so the token is a signed double-submit: a random nonce with its HMAC, in
 * an HttpOnly cookie and in the form; a POST passes when both carry the same signed value. The key is
 * random per process, so tokens end with the server like sessions do. Every compare is constant-time.
 */
final class Csrf {

    static final String COOKIE = "stockroom_csrf";
    static final String FIELD = "csrf";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();
    private final byte[] key = new byte[32];

    Csrf() {
        random.nextBytes(key);
    }

    /** The token of one login session. */
    String forSession(String sessionToken) {
        return mac("session:" + sessionToken);
    }

    /** A new double-submit token, for the cookie and the forms of a visitor who has none. */
    String fresh() {
        byte[] nonce = new byte[18];
        random.nextBytes(nonce);
        String n = B64.encodeToString(nonce);
        return n + "." + mac("nonce:" + n);
    }

    /** Whether a double-submit cookie is one this server signed. */
    boolean signed(String cookie) {
        if (cookie == null) {
            return false;
        }
        int dot = cookie.indexOf('.');
        return dot > 0 && same(cookie.substring(dot + 1), mac("nonce:" + cookie.substring(0, dot)));
    }

    /** Constant-time equality of the expected and the presented token; false when either is missing. */
    static boolean same(String expected, String presented) {
        return expected != null && presented != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    private String mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return B64.encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
