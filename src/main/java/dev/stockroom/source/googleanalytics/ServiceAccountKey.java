package dev.stockroom.source.googleanalytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockroom.config.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The parts of a Google service-account key file (JSON) that sign in: {@code client_email},
 * {@code private_key} (PKCS#8 PEM), {@code private_key_id} and {@code token_uri}.
 */
record ServiceAccountKey(String clientEmail, PrivateKey privateKey, String privateKeyId, String tokenUri) {

    static final String GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token";

    @Override
    public String toString() {
        return "service account " + clientEmail + " (key " + privateKeyId + ", private key ***)";
    }

    /**
     * @throws IllegalArgumentException with a message for the owner (never the key itself)
     */
    static ServiceAccountKey read(Path file) {
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(Files.readString(file));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("no key file at " + file + "; download the service account's JSON key "
                    + "(Google Cloud console, IAM & Admin, Service accounts, Keys, Add key, JSON)");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the key file " + file + " as JSON (" + e.getClass()
                    .getSimpleName() + "); it should be the service account's JSON key as Google downloads it");
        }
        String pem = text(json, "private_key", file);
        Secrets.register(pem);
        String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        Secrets.register(body);
        PrivateKey key;
        try {
            byte[] der = Base64.getDecoder().decode(body);
            key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the private_key in " + file + " is not an RSA key in PKCS#8 PEM form "
                    + "(-----BEGIN PRIVATE KEY-----); download a fresh JSON key for the service account");
        }
        String tokenUri = json.path("token_uri").asText(GOOGLE_TOKEN_URI);
        return new ServiceAccountKey(text(json, "client_email", file), key, json.path("private_key_id").asText(""),
                tokenUri.isBlank() ? GOOGLE_TOKEN_URI : tokenUri);
    }

    private static String text(JsonNode json, String field, Path file) {
        String value = json.path(field).asText("");
        if (value.isBlank()) {
            throw new IllegalArgumentException(file + " has no " + field + "; it should be a service account's JSON key "
                    + "(\"type\": \"service_account\"), not an OAuth client or API key file");
        }
        return value;
    }
}
