package dev.stockroom.source.ghost;

import dev.stockroom.source.http.TokenIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs Ghost Admin API tokens locally (docs/vendors.md §4): a JWT with header
 * {@code {"alg":"HS256","kid":id,"typ":"JWT"}} and claims {@code iat}, {@code exp} = iat + 5 min
 * and {@code aud} = {@code /admin/}, signed with HMAC-SHA256 over the hex-decoded secret.
 */
final class GhostAdminToken implements TokenIssuer {

    static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final String keyId;
    private final byte[] secret;

    GhostAdminToken(String keyId, String secretHex) {
        this.keyId = keyId;
        this.secret = HexFormat.of().parseHex(secretHex);
    }

    @Override
    public IssuedToken issue(Instant now) throws Exception {
        long iat = now.getEpochSecond();
        long exp = iat + LIFETIME.toSeconds();
        String header = "{\"alg\":\"HS256\",\"kid\":\"" + keyId + "\",\"typ\":\"JWT\"}";
        String claims = "{\"iat\":" + iat + ",\"exp\":" + exp + ",\"aud\":\"/admin/\"}";
        String unsigned = encode(header) + "." + encode(claims);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        String signature = B64.encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII)));
        return new IssuedToken(unsigned + "." + signature, Instant.ofEpochSecond(exp));
    }

    private static String encode(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Ghost admin token for key " + keyId;
    }
}
