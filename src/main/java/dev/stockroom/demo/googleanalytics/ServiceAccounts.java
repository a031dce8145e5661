package dev.stockroom.demo.googleanalytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The twin's service accounts: throwaway RSA key pairs written as Google-style JSON key files,
 * the public halves kept to verify the JWTs signed with them, and which accounts may read the
 * property.
 */
public final class ServiceAccounts {

    /** The outcome of checking a JWT assertion: the account, or Google's OAuth error. */
    record Verdict(String clientEmail, String error, String description) {
        static Verdict refused(String error, String description) {
            return new Verdict(null, error, description);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token";
    private static final String SCOPE = "https://www.googleapis.com/auth/analytics.readonly";

    private final String tokenUri;
    private final Map<String, PublicKey> keysById = new ConcurrentHashMap<>();
    private final Map<String, String> accountOfKey = new ConcurrentHashMap<>();
    private final Set<String> readers = ConcurrentHashMap.newKeySet();

    ServiceAccounts(String tokenUri) {
        this.tokenUri = tokenUri;
    }

    /** A key file of a service account that is a Viewer of the property. */
    public Path trusted(Path folder, String clientEmail) throws IOException {
        return write(folder, clientEmail, true, true);
    }

    /** A key file with a fresh private key Google never saw: its JWT signature does not verify. */
    public Path untrusted(Path folder, String clientEmail) throws IOException {
        return write(folder, clientEmail, false, true);
    }

    /** A valid key of an account that was not added to the property: 403 PERMISSION_DENIED. */
    public Path withoutAccess(Path folder, String clientEmail) throws IOException {
        return write(folder, clientEmail, true, false);
    }

    private Path write(Path folder, String clientEmail, boolean registered, boolean reader) throws IOException {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make RSA keys", e);
        }
        String keyId = java.util.UUID.randomUUID().toString().replace("-", "");
        if (registered) {
            keysById.put(keyId, pair.getPublic());
            accountOfKey.put(keyId, clientEmail);
            if (reader) {
                readers.add(clientEmail);
            }
        }
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        ObjectNode key = JSON.createObjectNode()
                .put("type", "service_account")
                .put("project_id", "the-margin-analytics")
                .put("private_key_id", keyId)
                .put("private_key", pem)
                .put("client_email", clientEmail)
                .put("client_id", "1" + Math.abs((long) clientEmail.hashCode()))
                .put("auth_uri", "https://accounts.google.com/o/oauth2/auth")
                .put("token_uri", tokenUri);
        Files.createDirectories(folder);
        Path file = folder.resolve(clientEmail.replaceAll("[^A-Za-z0-9.-]", "_") + "-" + keyId.substring(0, 8)
                + ".json");
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(key));
        return file;
    }

    boolean hasAccess(String clientEmail) {
        return clientEmail != null && readers.contains(clientEmail);
    }

    /** Checks a JWT bearer assertion as Google's token endpoint does. Error texts [U]. */
    Verdict verify(String jwt, Instant now) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return Verdict.refused("invalid_grant", "Invalid JWT: the assertion is not header.claims.signature");
        }
        JsonNode header;
        JsonNode claims;
        byte[] signature;
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            header = JSON.readTree(b64.decode(parts[0]));
            claims = JSON.readTree(b64.decode(parts[1]));
            signature = b64.decode(parts[2]);
        } catch (IOException | IllegalArgumentException e) {
            return Verdict.refused("invalid_grant", "Invalid JWT: not base64url-encoded JSON");
        }
        if (!"RS256".equals(header.path("alg").asText())) {
            return Verdict.refused("invalid_grant", "Invalid JWT: the signing algorithm must be RS256");
        }
        String issuer = claims.path("iss").asText();
        List<String> candidates = header.hasNonNull("kid") && keysById.containsKey(header.get("kid").asText())
                ? List.of(header.get("kid").asText())
                : keysById.keySet().stream().filter(id -> issuer.equals(accountOfKey.get(id))).toList();
        if (!accountOfKey.containsValue(issuer)) {
            return Verdict.refused("invalid_grant", "Invalid grant: account not found");
        }
        boolean valid = false;
        for (String id : candidates) {
            if (issuer.equals(accountOfKey.get(id)) && verifies(keysById.get(id), parts[0] + "." + parts[1], signature)) {
                valid = true;
                break;
            }
        }
        if (!valid) {
            return Verdict.refused("invalid_grant", "Invalid JWT Signature.");
        }
        String audience = claims.path("aud").asText();
        if (!audience.equals(tokenUri) && !audience.equals(GOOGLE_TOKEN_URI)) {
            return Verdict.refused("invalid_grant", "Invalid JWT: Failed audience check. The expected audience is "
                    + GOOGLE_TOKEN_URI + ".");
        }
        long iat = claims.path("iat").asLong(0);
        long exp = claims.path("exp").asLong(0);
        long nowSeconds = now.getEpochSecond();
        if (exp - iat > 3600 || exp <= nowSeconds - 300 || iat > nowSeconds + 300) {
            return Verdict.refused("invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) and "
                    + "in a reasonable timeframe. Check your iat and exp values in the JWT claim.");
        }
        if (!List.of(claims.path("scope").asText().split(" ")).contains(SCOPE)
                && !List.of(claims.path("scope").asText().split(" "))
                        .contains("https://www.googleapis.com/auth/analytics")) {
            return Verdict.refused("invalid_scope", "Invalid OAuth scope or ID token audience provided.");
        }
        return new Verdict(issuer, null, null);
    }

    private static boolean verifies(PublicKey key, String signed, byte[] signature) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
            return rsa.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
