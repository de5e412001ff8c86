package dev.autonoc.audit;

import dev.autonoc.core.audit.AuditVerification;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalLong;

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
        try {
            return verifyItems(jsonLines(reader), key);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Verifies a CSV export ({@link AuditCsv}) the same way: its checkpoint and archived rows carry
     * their JSON in the {@code event_json} column, and each entry row must be exactly what the
     * export writes for its entry, so that a readable column changed in a spreadsheet is named too.
     */
    public static AuditVerification verifyCsv(Path file, PublicKey key) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return verifyItems(AuditCsv.items(reader), key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit export " + file, e);
        }
    }

    /**
     * One thing read from an export file: an entry, a checkpoint or an archived prefix, or the
     * reason it could not be read; {@code where} says where it is, e.g. "line 3".
     */
    record Item(String where, Object value, String error) {}

    private static Iterator<Item> jsonLines(BufferedReader reader) {
        return items(
                reader::readLine,
                (number, line) -> {
                    try {
                        return new Item("line " + number, ExportLines.parse(line), null);
                    } catch (CanonicalJsonException e) {
                        return new Item("line " + number, null, e.getMessage());
                    }
                });
    }

    /** Reads the next record of an export (a line, a CSV row), or null at its end. */
    interface RecordReader<R> {
        R read() throws IOException;
    }

    /** What an export's record holds; {@code number} counts the records read, from 1. */
    interface ItemOf<R> {
        Item item(long number, R record);
    }

    /**
     * The items of an export, read one record ahead so that {@code hasNext} is known; a read that
     * fails is an {@link UncheckedIOException} (from this call for the first record, then from
     * {@code next}).
     */
    static <R> Iterator<Item> items(RecordReader<R> reader, ItemOf<R> itemOf) {
        return new Iterator<>() {
            private long number;
            private R next = read();

            private R read() {
                try {
                    return reader.read();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Item next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                R record = next;
                next = read();
                number++;
                return itemOf.item(number, record);
            }
        };
    }

    static AuditVerification verifyItems(Iterator<Item> items, PublicKey key) {
        return walk(items, key).verification();
    }

    /**
     * What a walk over an export found: the verdict, the sequence of its last entry (0 if none),
     * and the final checkpoint it ends with, if any (only ever one that covers the last entry and
     * is the file's last item; anything else is a broken verdict).
     */
    record Walked(AuditVerification verification, long lastSequence, Checkpoint closing) {}

    static Walked walk(Iterator<Item> items, PublicKey key) {
        ChainChecker checker = new ChainChecker();
        MerkleTree tree = new MerkleTree();
        Checkpoint lastGood = null;
        Checkpoint closing = null;
        long covered = 0; // entries covered by the good checkpoints so far
        boolean first = true;
        int checkpoints = 0;
        while (items.hasNext()) {
            Item item = items.next();
            boolean isFirst = first;
            first = false;
            if (closing != null) {
                checker.fail(
                        Math.max(tree.size(), 1),
                        item.where()
                                + ": comes after the final checkpoint at size "
                                + closing.treeSize()
                                + ", which says the file ends there: it was added later");
                break;
            }
            if (item.error() != null) {
                checker.fail(item.where() + ": " + item.error());
                break;
            }
            if (item.value() instanceof StoredEntry entry) {
                if (!checker.accept(entry)) {
                    break;
                }
                tree.append(checker.lastLeaf());
            } else if (item.value() instanceof ArchivedPrefix prefix) {
                if (!isFirst) {
                    checker.fail(item.where() + ": an archived prefix may only come first");
                    break;
                }
                // The entries before were archived: go on from their head hash and tree frontier.
                // Only a signed checkpoint after this shows that these are the real ones.
                checker = new ChainChecker(prefix.treeSize(), prefix.headHash());
                tree = prefix.tree();
                covered = prefix.treeSize();
            } else {
                Checkpoint c = (Checkpoint) item.value();
                String problem = checkpointProblem(c, tree, key);
                if (problem == null && c.last() && c.treeSize() != tree.size()) {
                    problem =
                            "a final checkpoint covers every entry before it, and "
                                    + tree.size()
                                    + " come before this one";
                }
                if (problem == null && lastGood != null) {
                    problem = consistencyProblem(lastGood, c, tree);
                }
                if (problem != null) {
                    checker.fail(
                            Math.min(covered + 1, Math.max(tree.size(), 1)),
                            item.where()
                                    + ": "
                                    + (c.last() ? "final " : "")
                                    + "checkpoint at size "
                                    + c.treeSize()
                                    + ": "
                                    + problem);
                    break;
                }
                covered = c.treeSize();
                lastGood = c;
                checkpoints++;
                if (c.last()) {
                    closing = c;
                }
            }
        }
        AuditVerification result = checker.result();
        if (!result.intact()) {
            return new Walked(result, tree.size(), null);
        }
        String summary = checkpointSummary(checkpoints, covered, tree, key);
        if (closing != null) {
            summary +=
                    "; it ends with a final checkpoint at entry "
                            + closing.treeSize()
                            + (key == null
                                    ? " (its signature NOT checked)"
                                    : ", signed: nothing was cut off the end");
        }
        return new Walked(
                new AuditVerification(
                        true,
                        result.entriesChecked(),
                        result.firstBadSequence(),
                        result.detail() + "; " + summary),
                tree.size(),
                closing);
    }

    /**
     * Verifies an export file (JSON Lines, or CSV if {@code csv}) as an auditor must: the chain,
     * every checkpoint against the entries and, with {@code key}, its signature; then whether the
     * file is shown to be whole, by a signed final checkpoint over its last entry or by {@code
     * expectedSize}, the sequence of the last entry the auditor knows of from elsewhere.
     *
     * @param key the signer's public key as the auditor holds it (their trust anchor); null to
     *     check roots but not signatures, in which case nothing is proven authentic
     */
    public static FileVerification verifyFile(
            Path file, boolean csv, PublicKey key, OptionalLong expectedSize) {
        Walked walked;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Iterator<Item> items = csv ? AuditCsv.items(reader) : jsonLines(reader);
            walked = walk(items, key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit export " + file, e);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot read the audit export " + file, e.getCause());
        }
        return FileVerification.of(walked, key != null, expectedSize);
    }

    /** What a verdict says about the checkpoints it checked. */
    static String checkpointSummary(int count, long covered, MerkleTree tree, PublicKey key) {
        if (count == 0) {
            return "no checkpoint: nothing signed, the chain alone vouches for the entries";
        }
        String after =
                covered == tree.size()
                        ? "every entry is under a checkpoint"
                        : (tree.size() - covered)
                                + " entries after the last checkpoint are vouched for by the"
                                + " chain alone";
        return count
                + (count == 1 ? " checkpoint" : " checkpoints")
                + " (roots recomputed, each consistent with the one before"
                + (key == null ? "; signatures NOT checked: no public key" : ", signatures valid")
                + "); "
                + after;
    }

    /**
     * Whether {@code later} extends {@code earlier}, by the RFC 9162 consistency proof a client of
     * the ledger's API would check. Both roots were already recomputed from the same leaves, so
     * this fails only if the tree itself is wrong; it keeps the two checks the same.
     */
    static String consistencyProblem(Checkpoint earlier, Checkpoint later, MerkleTree tree) {
        if (later.treeSize() < earlier.treeSize()) {
            return "its tree size is smaller than the checkpoint before's, " + earlier.treeSize();
        }
        List<byte[]> proof = tree.consistencyProof(earlier.treeSize(), later.treeSize());
        if (!MerkleTree.verifyConsistency(
                earlier.treeSize(),
                later.treeSize(),
                AuditChain.hexBytes(earlier.rootHash()),
                AuditChain.hexBytes(later.rootHash()),
                proof)) {
            return "not consistent with the checkpoint at size " + earlier.treeSize();
        }
        return null;
    }

    /** What is wrong with a checkpoint against the entries' tree, or null. */
    static String checkpointProblem(Checkpoint c, MerkleTree entries, PublicKey key) {
        if (key != null && !CheckpointSigner.verify(c, key)) {
            return "signature does not verify with the given public key";
        }
        if (c.treeSize() < entries.firstHeldLeaf()) {
            return "it signs a tree of "
                    + c.treeSize()
                    + " entries, inside the archived prefix of "
                    + entries.firstHeldLeaf()
                    + ": check it against the archive file that holds them";
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
        String root = HexFormat.of().formatHex(entries.rootOf(c.treeSize()));
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
