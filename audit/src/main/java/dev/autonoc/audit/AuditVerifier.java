package dev.autonoc.audit;

import dev.autonoc.core.audit.AuditVerification;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;

/**
 * Verifies a chain of stored entries, wherever they come from: the database ({@link
 * JdbcAuditLog#verify()}), any {@code Iterable}, or a JSON Lines export read offline.
 *
 * <p>For each entry, in order, it checks: the sequence follows the one before (starting at 1); the
 * previous hash equals the hash of the entry before ({@link AuditChain#GENESIS_HASH} for the
 * first); the event JSON reads as an event and is in canonical form; and the stored hash equals the
 * one recomputed from sequence, previous hash and event JSON. It stops at the first entry that
 * fails and names it and what is wrong.
 *
 * <p>What the chain alone cannot show: that entries were cut off the end, or that the whole chain
 * from some entry on was rewritten with new hashes. Signed {@link Checkpoint}s show both: each
 * checkpoint's Merkle root is recomputed from the entries and, given the public key, its signature
 * checked. Without checkpoints, compare the head hash in the result with one kept elsewhere.
 */
public final class AuditVerifier {

    private AuditVerifier() {}

    public static AuditVerification verify(Iterable<StoredEntry> entries) {
        ChainChecker checker = new ChainChecker();
        for (StoredEntry entry : entries) {
            if (!checker.accept(entry)) {
                break;
            }
        }
        return checker.result();
    }

    /**
     * Verifies a file written by {@link JdbcAuditLog#exportJsonLines(Path)}, with no database: the
     * chain, and each checkpoint line's root against the entries before it. Signatures are not
     * checked: see {@link #verifyExport(Path, PublicKey)}.
     */
    public static AuditVerification verifyExport(Path file) {
        return verifyExport(file, null);
    }

    /** {@link #verifyExport(Path)}, and every checkpoint's signature under {@code key}. */
    public static AuditVerification verifyExport(Path file, PublicKey key) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return verifyExport(reader, key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit export " + file, e);
        }
    }

    /**
     * @param key the checkpoint signer's public key, or null to check roots but not signatures
     */
    public static AuditVerification verifyExport(BufferedReader reader, PublicKey key)
            throws IOException {
        ChainChecker checker = new ChainChecker();
        MerkleTree tree = new MerkleTree();
        long covered = 0; // entries covered by the good checkpoints so far
        long lineNumber = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            Object parsed;
            try {
                parsed = ExportLines.parse(line);
            } catch (CanonicalJsonException e) {
                checker.fail("line " + lineNumber + ": " + e.getMessage());
                break;
            }
            if (parsed instanceof StoredEntry entry) {
                if (!checker.accept(entry)) {
                    break;
                }
                tree.append(MerkleTree.leafOfEntryHash(entry.hash()));
            } else {
                Checkpoint c = (Checkpoint) parsed;
                String problem = checkpointProblem(c, tree, key);
                if (problem != null) {
                    checker.fail(
                            Math.min(covered + 1, Math.max(tree.size(), 1)),
                            "line "
                                    + lineNumber
                                    + ": checkpoint at size "
                                    + c.treeSize()
                                    + ": "
                                    + problem);
                    break;
                }
                covered = c.treeSize();
            }
        }
        return checker.result();
    }

    /** What is wrong with a checkpoint against the entries' tree, or null. */
    static String checkpointProblem(Checkpoint c, MerkleTree entries, PublicKey key) {
        if (key != null && !CheckpointSigner.verify(c, key)) {
            return "signature does not verify with the given public key";
        }
        if (c.treeSize() > entries.size()) {
            return "the ledger holds only "
                    + entries.size()
                    + " entries: entries "
                    + (entries.size() + 1)
                    + ".."
                    + c.treeSize()
                    + " are missing";
        }
        String root = Hex.encode(entries.rootOf(c.treeSize()));
        if (!root.equals(c.rootHash())) {
            return "signed root "
                    + c.rootHash()
                    + " does not match the entries' root "
                    + root
                    + ": an entry at or before "
                    + c.treeSize()
                    + " was changed since it was signed";
        }
        return null;
    }
}
