package dev.autonoc.audit;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A Merkle tree over the ledger's entries, hashed as RFC 6962 / RFC 9162 hash it (Certificate
 * Transparency): leaf {@code SHA-256(0x00 || data)}, node {@code SHA-256(0x01 || left || right)},
 * the empty tree {@code SHA-256("")}. With it a signed checkpoint (tree size and root) commits to
 * every entry before it, an inclusion proof shows one entry is in the tree, and a consistency proof
 * shows a later tree only appended to an earlier one.
 *
 * <p>A ledger entry's leaf data is the 32 bytes of its chained hash ({@link #leafOfEntryHash}),
 * which already commits to its sequence, previous hash and event.
 *
 * <p>Appending keeps every complete, aligned subtree's hash (they never change as the tree grows),
 * so a root or a proof costs O(log n) hashes. Not thread-safe: hold it under the writer's lock.
 */
public final class MerkleTree {

    /**
     * levels.get(k).get(i): the hash of leaves [i·2^k, (i+1)·2^k). Flat byte arrays, about 64 bytes
     * per leaf in all, so a million entries take some 64 MB.
     */
    private final List<Hashes> levels = new ArrayList<>();

    /** Leaves before this index are not held: the tree was started from a frontier. */
    private final long base;

    public MerkleTree() {
        this(0);
    }

    private MerkleTree(long base) {
        this.base = base;
        levels.add(new Hashes(0));
    }

    /**
     * A growable array of 32-byte hashes: the subtrees of one level from index {@code first} on.
     * Those before {@code first} lie inside an archived prefix and are not held.
     */
    private static final class Hashes {
        private final long first;
        private byte[] data = new byte[32 * 16];
        private int count;

        Hashes(long first) {
            this.first = first;
        }

        /** The number of subtrees of this level, held or not. */
        long size() {
            return first + count;
        }

        void add(byte[] hash) {
            if ((count + 1) * 32 > data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            System.arraycopy(hash, 0, data, count * 32, 32);
            count++;
        }

        byte[] get(long index) {
            if (index < first) {
                throw new IllegalStateException(
                        "subtree " + index + " lies inside the archived prefix: not held");
            }
            int i = (int) (index - first);
            return Arrays.copyOfRange(data, i * 32, i * 32 + 32);
        }
    }

    /**
     * A tree that starts after {@code size} leaves it does not hold, given only their {@link
     * #frontier()}: it can take more leaves, and give roots and proofs of any size from {@code
     * size} on, exactly as the whole tree would. This is how an archive or an export that starts
     * after archived entries is checked.
     *
     * @param frontier the hashes {@link #frontier()} gave for that size, largest subtree first
     */
    public static MerkleTree fromFrontier(long size, List<byte[]> frontier) {
        if (size < 0) {
            throw new IllegalArgumentException("a tree size is 0 or more, got " + size);
        }
        Objects.requireNonNull(frontier, "frontier");
        if (frontier.size() != Long.bitCount(size)) {
            throw new IllegalArgumentException(
                    "a tree of size "
                            + size
                            + " has a frontier of "
                            + Long.bitCount(size)
                            + " hashes, got "
                            + frontier.size());
        }
        MerkleTree tree = new MerkleTree(size);
        tree.levels.clear();
        int top = size == 0 ? 0 : 63 - Long.numberOfLeadingZeros(size);
        int next = frontier.size() - 1; // the smallest subtree is last
        for (int k = 0; k <= top; k++) {
            long complete = size >> k;
            if ((complete & 1) == 1) {
                byte[] hash = frontier.get(next--);
                requireHash(hash, "frontier hash");
                Hashes level = new Hashes(complete - 1);
                level.add(hash);
                tree.levels.add(level);
            } else {
                tree.levels.add(new Hashes(complete));
            }
        }
        return tree;
    }

    /**
     * The roots of the complete subtrees that make up the tree as it is, largest (leftmost) first:
     * one per bit set in its size. With the size, enough to go on growing the tree, and to root and
     * prove it from this size on, without the leaves ({@link #fromFrontier}).
     */
    public List<byte[]> frontier() {
        return frontierOf(size());
    }

    /** The {@link #frontier()} the tree had at {@code treeSize} leaves. */
    public List<byte[]> frontierOf(long treeSize) {
        checkSize(treeSize);
        List<byte[]> hashes = new ArrayList<>();
        long lo = 0;
        for (int k = 62; k >= 0; k--) {
            long n = 1L << k;
            if ((treeSize & n) != 0) {
                hashes.add(subtree(lo, lo + n));
                lo += n;
            }
        }
        return hashes;
    }

    /** The leaves before this one are not held (see {@link #fromFrontier}); 0 for a whole tree. */
    public long firstHeldLeaf() {
        return base;
    }

    public static MerkleTree ofEntryHashes(Iterable<String> entryHashes) {
        MerkleTree tree = new MerkleTree();
        for (String hash : entryHashes) {
            tree.append(leafOfEntryHash(hash));
        }
        return tree;
    }

    /** Adds a leaf, given as its leaf hash. */
    public void append(byte[] leafHash) {
        requireHash(leafHash, "leafHash");
        levels.get(0).add(leafHash);
        for (int k = 0; levels.get(k).size() % 2 == 0; k++) {
            Hashes level = levels.get(k);
            byte[] parent = nodeHash(level.get(level.size() - 2), level.get(level.size() - 1));
            if (levels.size() == k + 1) {
                levels.add(new Hashes(0));
            }
            levels.get(k + 1).add(parent);
        }
    }

    public long size() {
        return levels.get(0).size();
    }

    /** The root of the whole tree. */
    public byte[] root() {
        return rootOf(size());
    }

    /** The root the tree had when it held its first {@code treeSize} leaves. */
    public byte[] rootOf(long treeSize) {
        checkSize(treeSize);
        if (treeSize == 0) {
            return sha256(new byte[0]);
        }
        return subtree(0, treeSize);
    }

    /**
     * RFC 9162 2.1.3.1: the audit path of leaf {@code index} in the tree of size {@code treeSize}.
     */
    public List<byte[]> inclusionProof(long index, long treeSize) {
        checkSize(treeSize);
        if (index < 0 || index >= treeSize) {
            throw new IllegalArgumentException(
                    "leaf index " + index + " is not in a tree of size " + treeSize);
        }
        if (index < base) {
            throw new IllegalArgumentException(
                    "leaf index " + index + " is archived: this tree holds leaves from " + base);
        }
        List<byte[]> proof = new ArrayList<>();
        path(index, 0, treeSize, proof);
        return proof;
    }

    /**
     * RFC 9162 2.1.4.1: proof that the tree of size {@code second} extends that of {@code first}.
     */
    public List<byte[]> consistencyProof(long first, long second) {
        checkSize(second);
        if (first < 1 || first > second) {
            throw new IllegalArgumentException(
                    "a consistency proof needs 1 <= first <= second, got " + first + ", " + second);
        }
        if (first < base) {
            throw new IllegalArgumentException(
                    "tree size " + first + " is archived: this tree holds leaves from " + base);
        }
        List<byte[]> proof = new ArrayList<>();
        subproof(first, 0, second, true, proof);
        return proof;
    }

    /** RFC 9162 2.1.3.2. */
    public static boolean verifyInclusion(
            long index, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= treeSize) {
            return false;
        }
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /** RFC 9162 2.1.4.2. */
    public static boolean verifyConsistency(
            long first, long second, byte[] firstRoot, byte[] secondRoot, List<byte[]> proof) {
        if (first < 1 || first > second) {
            return false;
        }
        if (first == second) {
            return proof.isEmpty() && MessageDigest.isEqual(firstRoot, secondRoot);
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(first) == 1) {
            path.add(0, firstRoot);
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0
                && MessageDigest.isEqual(fr, firstRoot)
                && MessageDigest.isEqual(sr, secondRoot);
    }

    /** A ledger entry's leaf hash: {@code SHA-256(0x00 || bytes of its 64-hex-digit hash)}. */
    public static byte[] leafOfEntryHash(String entryHash) {
        return leafHash(AuditChain.hexBytes(entryHash));
    }

    public static byte[] leafHash(byte[] data) {
        MessageDigest d = sha256();
        d.update((byte) 0x00);
        return d.digest(data);
    }

    static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest d = sha256();
        d.update((byte) 0x01);
        d.update(left);
        return d.digest(right);
    }

    // ---------------------------------------------------------------- RFC 9162 recursions

    /**
     * MTH(D[lo:hi]); the left part of every split is a complete aligned subtree, kept in levels.
     */
    private byte[] subtree(long lo, long hi) {
        long n = hi - lo;
        if (Long.bitCount(n) == 1 && lo % n == 0) {
            int k = Long.numberOfTrailingZeros(n);
            return levels.get(k).get(lo >> k);
        }
        long k = largestPowerOfTwoBelow(n);
        return nodeHash(subtree(lo, lo + k), subtree(lo + k, hi));
    }

    private void path(long m, long lo, long hi, List<byte[]> proof) {
        long n = hi - lo;
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(m, lo, lo + k, proof);
            proof.add(subtree(lo + k, hi));
        } else {
            path(m - k, lo + k, hi, proof);
            proof.add(subtree(lo, lo + k));
        }
    }

    private void subproof(long m, long lo, long hi, boolean complete, List<byte[]> proof) {
        long n = hi - lo;
        if (m == n) {
            if (!complete) {
                proof.add(subtree(lo, hi));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, lo, lo + k, complete, proof);
            proof.add(subtree(lo + k, hi));
        } else {
            subproof(m - k, lo + k, hi, false, proof);
            proof.add(subtree(lo, lo + k));
        }
    }

    /** The largest power of two strictly less than n (n >= 2). */
    private static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    private void checkSize(long treeSize) {
        if (treeSize < base || treeSize > size()) {
            throw new IllegalArgumentException(
                    "tree size "
                            + treeSize
                            + " is not in "
                            + base
                            + ".."
                            + size()
                            + (base == 0
                                    ? " (the tree's size)"
                                    : " (the tree holds the leaves after " + base + " only)"));
        }
    }

    private static void requireHash(byte[] hash, String name) {
        Objects.requireNonNull(hash, name);
        if (hash.length != 32) {
            throw new IllegalArgumentException(name + " must be 32 bytes, got " + hash.length);
        }
    }

    private static byte[] sha256(byte[] data) {
        return sha256().digest(data);
    }

    private static MessageDigest sha256() {
        return Sha256.digest();
    }

    @Override
    public String toString() {
        return "MerkleTree[size=" + size() + ", root=" + HexFormat.of().formatHex(root()) + "]";
    }
}
