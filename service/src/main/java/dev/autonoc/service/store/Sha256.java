package dev.autonoc.service.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of text (UTF-8) in lower-case hex, the service's one copy: a world's spec hash ({@link
 * WorldStore.World#specHash()}), the hash an API token is kept under, and the correlation of an MCP
 * call under a caller's own key. The audit module hashes its chain itself; policy versions are
 * hashed by the policy module ({@code sha256:} plus this same hex of the file's bytes).
 */
public final class Sha256 {

    private Sha256() {}

    /** 64 lower-case hex digits. */
    public static String hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            // every Java platform has SHA-256 (java.security.MessageDigest's contract)
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
