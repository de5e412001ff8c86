package dev.autonoc.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One SHA-256 digest per thread, reset before each use: {@code MessageDigest.getInstance} looks the
 * provider up on every call, which cost a verify of a million entries about a second.
 */
final class Sha256 {

    private static final ThreadLocal<MessageDigest> DIGEST =
            ThreadLocal.withInitial(
                    () -> {
                        try {
                            return MessageDigest.getInstance("SHA-256");
                        } catch (NoSuchAlgorithmException e) {
                            throw new IllegalStateException("every Java runtime has SHA-256", e);
                        }
                    });

    private Sha256() {}

    /**
     * This thread's digest, fresh: every use ends with {@code digest()}, which resets it (an
     * explicit reset on top cost a tenth of verify's checking thread).
     */
    static MessageDigest digest() {
        return DIGEST.get();
    }
}
