package dev.autonoc.audit;

import dev.autonoc.core.audit.AuditEntry;
import java.util.List;
import java.util.Optional;

/**
 * The ledger's Merkle tree and what is made of it: signed checkpoints, inclusion and consistency
 * proofs, roots. The tree is built on first use by a walk that also verifies the chain ({@link
 * LedgerVerifier}), so the ledger never signs or proves entries changed behind its back; each
 * append then adds its leaf, and a failed write drops the tree, to be rebuilt from the database
 * like the writer's tail. Not thread-safe: {@link JdbcAuditLog} calls it holding its own lock.
 */
final class LedgerProofs {

    private final LedgerReader reader;
    private final LedgerWriter writer;
    private final LedgerVerifier verifier;

    /** Built on first use (checkpoint or proof), then kept up to date by each append. */
    private MerkleTree tree;

    LedgerProofs(LedgerReader reader, LedgerWriter writer, LedgerVerifier verifier) {
        this.reader = reader;
        this.writer = writer;
        this.verifier = verifier;
    }

    /** See {@link JdbcAuditLog#checkpoint}. */
    Checkpoint checkpoint(CheckpointSigner signer) {
        MerkleTree t = tree();
        if (t.size() == 0) {
            throw new IllegalStateException("an empty ledger has nothing to checkpoint");
        }
        List<Checkpoint> existing = reader.checkpoints();
        if (!existing.isEmpty() && existing.get(existing.size() - 1).treeSize() == t.size()) {
            return existing.get(existing.size() - 1);
        }
        Checkpoint c = signer.sign(t.size(), t.root(), writer.now());
        try {
            writer.insertCheckpoint(c);
        } catch (AuditStoreException e) {
            // another writer of a shared ledger signed this very tree in between (instances that
            // stop together each sign at shutdown): its checkpoint stands for both. A checkpoint
            // of this size over another root would be a fork, and is not excused
            Optional<Checkpoint> same =
                    reader.checkpoints().stream()
                            .filter(k -> k.treeSize() == c.treeSize())
                            .filter(k -> k.rootHash().equals(c.rootHash()))
                            .findFirst();
            if (same.isPresent()) {
                return same.get();
            }
            throw e;
        }
        return c;
    }

    List<byte[]> inclusionProof(long sequence, long treeSize) {
        return tree().inclusionProof(sequence - 1, treeSize);
    }

    List<byte[]> consistencyProof(long first, long second) {
        return tree().consistencyProof(first, second);
    }

    byte[] rootOf(long treeSize) {
        return tree().rootOf(treeSize);
    }

    /** The tree if it was built, else null: for readers that must not trigger a walk. */
    MerkleTree treeIfBuilt() {
        return tree;
    }

    /** Takes the tree of a walk that verified, unless one is held already. */
    void adopt(MerkleTree verified) {
        if (tree == null) {
            tree = verified;
        }
    }

    /** Adds the leaves of entries just appended, if the tree was built. */
    void appended(List<AuditEntry> entries) {
        if (tree != null) {
            entries.forEach(e -> tree.append(MerkleTree.leafOfEntryHash(e.hash())));
        }
    }

    /** Entries other writers appended to a shared ledger, by hash, in order. */
    void appendedHashes(List<String> hashes) {
        if (tree != null) {
            hashes.forEach(h -> tree.append(MerkleTree.leafOfEntryHash(h)));
        }
    }

    /** Drops the tree after a failed write: it is rebuilt from the database, like the tail. */
    void forget() {
        tree = null;
    }

    private MerkleTree tree() {
        writer.ensureOpen();
        if (tree == null) {
            LedgerVerifier.Walk walk = verifier.walk();
            if (!walk.chain().intact()) {
                throw new IllegalStateException(
                        "the ledger does not verify, so it will not sign or prove it: "
                                + walk.chain().detail());
            }
            if (writer.shared()) {
                // other writers may have appended since the walk, or since this one's last append
                writer.catchUp(walk.tree());
            }
            if (walk.tree().size() != writer.size()) {
                throw new IllegalStateException(
                        "the ledger holds "
                                + walk.tree().size()
                                + " entries but its last sequence is "
                                + writer.size());
            }
            tree = walk.tree();
        }
        return tree;
    }
}
