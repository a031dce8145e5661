package dev.stockroom.warehouse.mysql;

import dev.stockroom.warehouse.Namespace;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names of the per-source run locks. {@code GET_LOCK} names are server-wide, so the name carries
 * the project ({@code stockroom:dw:site}): two projects with a source of the same name never wait
 * for each other. MySQL refuses names over 64 characters; longer ones become a digest.
 */
final class LockNames {

    static final int MAX = 64;

    private LockNames() {
    }

    static String of(Namespace namespace, String source) {
        String name = "stockroom:" + namespace.project() + ":" + source;
        if (name.length() <= MAX) {
            return name;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return "stockroom:" + HexFormat.of().formatHex(digest).substring(0, MAX - "stockroom:".length());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
