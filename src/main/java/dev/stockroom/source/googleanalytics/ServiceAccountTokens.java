package dev.stockroom.source.googleanalytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.config.Secrets;
import dev.stockroom.source.SourceException;
import dev.stockroom.source.http.ApiClient;
import dev.stockroom.source.http.Request;
import dev.stockroom.source.http.TokenIssuer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/**
 * Google's service-account flow (OAuth 2.0 JWT bearer grant): a JWT signed RS256 with the key's
 * private key is POSTed to {@code token_uri} as
 * {@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<jwt>}, and exchanged for
 * an access token valid for about an hour. {@link dev.stockroom.source.http.SignedTokenAuth}
 * caches it and asks again shortly before it expires.
 */
final class ServiceAccountTokens implements TokenIssuer {

    static final String SCOPE = "https://www.googleapis.com/auth/analytics.readonly";
    static final String GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final ServiceAccountKey key;
    private final String tokenUri;
    private final ApiClient client;

    /** @param client a client without auth of its own, for the token endpoint */
    ServiceAccountTokens(ServiceAccountKey key, String tokenUri, ApiClient client) {
        this.key = key;
        this.tokenUri = tokenUri;
        this.client = client;
    }

    @Override
    public IssuedToken issue(Instant now) throws Exception {
        String form = "grant_type=" + URLEncoder.encode(GRANT, StandardCharsets.UTF_8)
                + "&assertion=" + assertion(now);
        Request request = Request.post(tokenUri, "application/x-www-form-urlencoded",
                form.getBytes(StandardCharsets.UTF_8));
        JsonNode answer;
        try {
            answer = client.execute(request, response -> JSON.readTree(response.body()));
        } catch (SourceException e) {
            if (e.isTransient()) {
                throw SourceException.transientFault("cannot reach Google's token endpoint: " + e.getMessage(), null);
            }
            throw SourceException.permanent(refused(e.getMessage()), null);
        }
        String token = answer.path("access_token").asText("");
        if (token.isEmpty()) {
            throw SourceException.permanent("Google's token endpoint " + tokenUri + " answered without an access_token",
                    null);
        }
        Secrets.registerShortLived(token);
        long seconds = answer.path("expires_in").asLong(3600);
        return new IssuedToken(token, now.plusSeconds(seconds));
    }

    /** The signed JWT: header {alg, typ, kid} and claims {iss, scope, aud, iat, exp}. */
    String assertion(Instant now) throws Exception {
        ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT");
        if (!key.privateKeyId().isEmpty()) {
            header.put("kid", key.privateKeyId()); // optional for Google [U]
        }
        long iat = now.getEpochSecond();
        ObjectNode claims = JSON.createObjectNode()
                .put("iss", key.clientEmail())
                .put("scope", SCOPE)
                .put("aud", tokenUri)
                .put("iat", iat)
                .put("exp", iat + 3600);
        String signingInput = B64.encodeToString(JSON.writeValueAsBytes(header)) + "."
                + B64.encodeToString(JSON.writeValueAsBytes(claims));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key.privateKey());
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        String jwt = signingInput + "." + B64.encodeToString(rsa.sign());
        Secrets.registerShortLived(jwt);
        return jwt;
    }

    /** The owner's message when Google refuses the key: what it said, and what to do. */
    private String refused(String failure) {
        int said = failure.indexOf("(server said: ");
        String server = said < 0 ? "" : " " + failure.substring(said);
        return "Google refused the service-account key of " + key.clientEmail() + " (key id "
                + (key.privateKeyId().isEmpty() ? "unknown" : key.privateKeyId()) + ")" + server
                + "; check credentials_file: the key may have been deleted or disabled (Google Cloud console, IAM & "
                + "Admin, Service accounts, Keys: create a new JSON key), and this machine's clock must be right";
    }
}
