package dev.autonoc.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Signs {@link Checkpoint}s with Ed25519 (in the JDK since 15). The key pair lives in a file of two
 * lines, the PKCS#8 private key and the X.509 public key, both base64; it is created on first use,
 * readable by its owner only. Auditors need only the public key ({@link #publicKeyText()}).
 */
public final class CheckpointSigner {

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private CheckpointSigner(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** A fresh key pair held in memory only, for tests and throw-away runs. */
    public static CheckpointSigner generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new CheckpointSigner(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 runtime has Ed25519", e);
        }
    }

    /** Reads the key pair from {@code keyFile}, or creates the file with a new pair. */
    public static CheckpointSigner loadOrCreate(Path keyFile) {
        try {
            if (Files.exists(keyFile)) {
                List<String> lines = Files.readAllLines(keyFile, StandardCharsets.US_ASCII);
                if (lines.size() < 2) {
                    throw new IllegalArgumentException(
                            "the checkpoint key file "
                                    + keyFile
                                    + " must hold two lines: PKCS#8 private key, X.509 public key");
                }
                KeyFactory ed = KeyFactory.getInstance("Ed25519");
                PrivateKey priv =
                        ed.generatePrivate(
                                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines.get(0))));
                return new CheckpointSigner(priv, publicKey(lines.get(1)));
            }
            CheckpointSigner created = generate();
            Path dir = keyFile.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Files.writeString(
                    keyFile,
                    Base64.getEncoder().encodeToString(created.privateKey.getEncoded())
                            + "\n"
                            + created.publicKeyText()
                            + "\n",
                    StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(
                        keyFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system; the folder's own permissions must do
            }
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read or create the checkpoint key " + keyFile, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "the checkpoint key file " + keyFile + " does not hold an Ed25519 key pair", e);
        }
    }

    /** An ordinary checkpoint of the first {@code treeSize} entries, whose root is {@code root}. */
    public Checkpoint sign(long treeSize, byte[] root, Instant time) {
        return sign(treeSize, root, time, false);
    }

    /**
     * The final checkpoint of a file that ends at entry {@code treeSize} (see {@link
     * Checkpoint#last()}).
     */
    public Checkpoint signFinal(long treeSize, byte[] root, Instant time) {
        return sign(treeSize, root, time, true);
    }

    private Checkpoint sign(long treeSize, byte[] root, Instant time, boolean last) {
        String rootHash = HexFormat.of().formatHex(root);
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(
                    Checkpoint.signedText(treeSize, rootHash, time, last)
                            .getBytes(StandardCharsets.UTF_8));
            return new Checkpoint(
                    treeSize, rootHash, time, Base64.getEncoder().encodeToString(s.sign()), last);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing a checkpoint failed", e);
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The public key as base64 X.509, the form {@link #publicKey(String)} reads. */
    public String publicKeyText() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    public static PublicKey publicKey(String base64X509) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(
                            new X509EncodedKeySpec(Base64.getDecoder().decode(base64X509.trim())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a base64 X.509 Ed25519 public key", e);
        }
    }

    /** Whether the checkpoint's signature is valid under {@code key}; never throws on bad input. */
    public static boolean verify(Checkpoint checkpoint, PublicKey key) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(checkpoint.signedText().getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(checkpoint.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
