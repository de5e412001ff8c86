package dev.autonoc.audit;

import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What stands for the entries that were archived before an export or an archive file starts: how
 * many ({@code treeSize}), the hash of the last of them (the chain goes on from it), and the Merkle
 * tree's {@link MerkleTree#frontier() frontier} at that size (the roots of its complete subtrees,
 * hex, largest first), from which every later root and proof is computed as if the entries were
 * there. A signed checkpoint after it commits to all three.
 */
record ArchivedPrefix(long treeSize, String headHash, List<String> frontier) {

    ArchivedPrefix {
        if (treeSize < 1) {
            throw new IllegalArgumentException(
                    "an archived prefix holds at least one entry, got " + treeSize);
        }
        Objects.requireNonNull(headHash, "headHash");
        frontier = List.copyOf(frontier);
        if (frontier.size() != Long.bitCount(treeSize)) {
            throw new IllegalArgumentException(
                    "an archived prefix of "
                            + treeSize
                            + " entries has a frontier of "
                            + Long.bitCount(treeSize)
                            + " hashes, got "
                            + frontier.size());
        }
    }

    static ArchivedPrefix of(MerkleTree tree, long treeSize, String headHash) {
        return new ArchivedPrefix(
                treeSize,
                headHash,
                tree.frontierOf(treeSize).stream().map(HexFormat.of()::formatHex).toList());
    }

    /** A tree holding no leaf, ready to take those after the prefix. */
    MerkleTree tree() {
        return MerkleTree.fromFrontier(
                treeSize, frontier.stream().map(AuditChain::hexBytes).toList());
    }
}
