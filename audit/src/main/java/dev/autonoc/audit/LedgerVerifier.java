package dev.autonoc.audit;

import dev.autonoc.core.audit.AuditVerification;
import java.security.PublicKey;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Verifies the ledger in the database: the kept hashes of archived entries, then the chain of the
 * entries left (each page prechecked on every core, then linked in order, with the index columns
 * checked against the event), then every stored checkpoint against the Merkle tree the walk built.
 * The walk's tree is also what {@link LedgerProofs} signs and proves, so nothing is signed that was
 * changed behind the ledger's back.
 */
final class LedgerVerifier {

    /** The chain's verdict and, if it is intact, the Merkle tree of its entries. */
    record Walk(AuditVerification chain, MerkleTree tree) {}

    private final LedgerReader reader;

    LedgerVerifier(LedgerReader reader) {
        this.reader = reader;
    }

    /**
     * The whole verdict: chain, kept hashes, every checkpoint's root and, with a key, signature.
     */
    AuditVerification verify(PublicKey key) {
        return verdict(walk(), reader.checkpoints(), key);
    }

    /** Walks the kept hashes and the chain, building the Merkle tree of every entry. */
    Walk walk() {
        MerkleTree rebuilt = new MerkleTree();
        String[] archivedHead = {AuditChain.GENESIS_HASH};
        AuditVerification archived = walkArchived(rebuilt, archivedHead);
        if (archived != null) {
            return new Walk(archived, rebuilt);
        }
        ChainChecker checker = new ChainChecker(rebuilt.size(), archivedHead[0]);
        try {
            reader.forEachPagePrefetched(
                    page -> {
                        // what each entry shows alone (canonical form, hash), on every core;
                        // then the links between them, in order
                        ChainChecker.Precheck[] pre = new ChainChecker.Precheck[page.size()];
                        IntStream.range(0, page.size())
                                .parallel()
                                .forEach(
                                        i ->
                                                pre[i] =
                                                        ChainChecker.Precheck.of(
                                                                page.get(i).stored()));
                        for (int i = 0; i < pre.length; i++) {
                            LedgerRow row = page.get(i);
                            if (!checker.accept(
                                    row.stored(), (entry, event) -> row.mismatch(event), pre[i])) {
                                throw new StopWalk();
                            }
                            rebuilt.append(checker.lastLeaf());
                        }
                    });
        } catch (StopWalk stop) {
            // the first bad entry is in the checker
        }
        return new Walk(checker.result(), rebuilt);
    }

    /**
     * The tree of the kept hashes alone, so that a ledger whose entries do not verify can still be
     * exported and looked at.
     *
     * @throws IllegalStateException if the kept hashes do not verify
     */
    MerkleTree archivedTree() {
        MerkleTree hashes = new MerkleTree();
        AuditVerification problem = walkArchived(hashes, new String[1]);
        if (problem != null) {
            throw new IllegalStateException(
                    "the archived hashes do not verify: " + problem.detail());
        }
        return hashes;
    }

    /**
     * Feeds the archived entries' hashes to the tree, checking that they run 1, 2, … with no gap;
     * leaves the last one's hash in {@code head[0]}. A problem found is returned, else null.
     */
    private AuditVerification walkArchived(MerkleTree tree, String[] head) {
        AuditVerification[] problem = {null};
        long[] after = {0};
        reader.forEachArchivedHash(
                (sequence, hash) -> {
                    long expected = after[0] + 1;
                    if (sequence != expected) {
                        problem[0] =
                                AuditVerification.broken(
                                        0,
                                        expected,
                                        "archived entry "
                                                + expected
                                                + ": its hash is missing from audit_archived"
                                                + " (found "
                                                + sequence
                                                + " next)");
                    } else if (!AuditChain.isHash(hash)) {
                        problem[0] =
                                AuditVerification.broken(
                                        0,
                                        sequence,
                                        "archived entry "
                                                + sequence
                                                + ": its kept hash '"
                                                + hash
                                                + "' is not 64 lowercase hex digits");
                    } else {
                        tree.append(MerkleTree.leafOfEntryHash(hash));
                        head[0] = hash;
                        after[0] = sequence;
                    }
                    return problem[0] == null;
                });
        return problem[0];
    }

    /** The walk's verdict once every checkpoint is checked against its tree. */
    static AuditVerification verdict(Walk walk, List<Checkpoint> checkpoints, PublicKey key) {
        if (!walk.chain().intact()) {
            return walk.chain();
        }
        MerkleTree rebuilt = walk.tree();
        AuditVerification chain = walk.chain();
        long covered = 0; // entries covered by the checkpoints found good so far
        Checkpoint lastGood = null;
        for (Checkpoint c : checkpoints) {
            String problem = AuditVerifier.checkpointProblem(c, rebuilt, key);
            if (problem == null && lastGood != null) {
                problem = AuditVerifier.consistencyProblem(lastGood, c, rebuilt);
            }
            if (problem != null) {
                long firstBad = Math.min(covered + 1, Math.max(1, rebuilt.size()));
                if (c.treeSize() > rebuilt.size()) {
                    firstBad = rebuilt.size() + 1;
                }
                return AuditVerification.broken(
                        chain.entriesChecked(),
                        firstBad,
                        "checkpoint at size " + c.treeSize() + ": " + problem);
            }
            covered = c.treeSize();
            lastGood = c;
        }
        long archived = rebuilt.size() - chain.entriesChecked();
        return new AuditVerification(
                true,
                chain.entriesChecked(),
                chain.firstBadSequence(),
                chain.detail()
                        + (archived == 0
                                ? ""
                                : " after "
                                        + archived
                                        + " archived entries (their kept hashes are in the tree)")
                        + "; "
                        + AuditVerifier.checkpointSummary(
                                checkpoints.size(), covered, rebuilt, key));
    }

    /** Ends the page walk at the first bad entry; no stack trace, it is not an error. */
    private static final class StopWalk extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopWalk() {
            super(null, null, false, false);
        }
    }
}
