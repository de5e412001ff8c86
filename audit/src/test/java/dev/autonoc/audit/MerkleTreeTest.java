package dev.autonoc.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    /** The RFC 6962 test leaves used by Certificate Transparency's reference implementations. */
    private static final byte[][] CT_LEAVES = {
        {},
        {0x00},
        {0x10},
        {0x20, 0x21},
        {0x30, 0x31},
        {0x40, 0x41, 0x42, 0x43},
        {0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57},
        {
            0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d,
            0x6e, 0x6f
        },
    };

    private static final String[] CT_ROOTS = {
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    };

    @Test
    void roots_match_the_rfc_6962_reference_vectors() {
        MerkleTree tree = new MerkleTree();
        assertThat(HexFormat.of().formatHex(tree.root()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        for (int i = 0; i < CT_LEAVES.length; i++) {
            tree.append(MerkleTree.leafHash(CT_LEAVES[i]));
            assertThat(HexFormat.of().formatHex(tree.root()))
                    .as("root of size %d", i + 1)
                    .isEqualTo(CT_ROOTS[i]);
        }
        for (int size = 1; size <= 8; size++) {
            assertThat(HexFormat.of().formatHex(tree.rootOf(size))).isEqualTo(CT_ROOTS[size - 1]);
        }
    }

    @Test
    void every_inclusion_and_consistency_proof_up_to_size_40_verifies() {
        MerkleTree tree = treeOf(40);
        for (int n = 1; n <= 40; n++) {
            byte[] root = tree.rootOf(n);
            for (int i = 0; i < n; i++) {
                List<byte[]> proof = tree.inclusionProof(i, n);
                assertThat(MerkleTree.verifyInclusion(i, n, leaf(i), proof, root))
                        .as("leaf %d in size %d", i, n)
                        .isTrue();
                assertThat(MerkleTree.verifyInclusion(i, n, leaf(i + 1), proof, root)).isFalse();
            }
            for (int m = 1; m <= n; m++) {
                List<byte[]> proof = tree.consistencyProof(m, n);
                assertThat(MerkleTree.verifyConsistency(m, n, tree.rootOf(m), root, proof))
                        .as("%d -> %d", m, n)
                        .isTrue();
            }
        }
    }

    @Property(tries = 200)
    void a_changed_proof_hash_or_root_fails_to_verify(
            @ForAll @IntRange(min = 2, max = 300) int size,
            @ForAll @IntRange(min = 0, max = 299) int index,
            @ForAll @IntRange(min = 0, max = 31) int bytePos) {
        int i = index % size;
        MerkleTree tree = treeOf(size);
        byte[] root = tree.root();
        List<byte[]> proof = tree.inclusionProof(i, size);
        assertThat(MerkleTree.verifyInclusion(i, size, leaf(i), proof, root)).isTrue();

        List<byte[]> bent = flip(proof, i % proof.size(), bytePos);
        assertThat(MerkleTree.verifyInclusion(i, size, leaf(i), bent, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(i, size, leaf(i), proof, flip(root, bytePos)))
                .isFalse();

        int m = 1 + i;
        if (m < size) {
            List<byte[]> consistency = tree.consistencyProof(m, size);
            assertThat(MerkleTree.verifyConsistency(m, size, tree.rootOf(m), root, consistency))
                    .isTrue();
            assertThat(
                            MerkleTree.verifyConsistency(
                                    m,
                                    size,
                                    tree.rootOf(m),
                                    root,
                                    flip(consistency, bytePos % consistency.size(), bytePos)))
                    .isFalse();
            assertThat(
                            MerkleTree.verifyConsistency(
                                    m, size, flip(tree.rootOf(m), bytePos), root, consistency))
                    .isFalse();
        }
    }

    @Property(tries = 50)
    void the_root_equals_the_rfc_definition_computed_naively(
            @ForAll @IntRange(min = 1, max = 200) int size) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            leaves.add(leaf(i));
        }
        assertThat(treeOf(size).root()).isEqualTo(naiveRoot(leaves));
    }

    @Test
    void a_ledger_entry_hash_is_the_leaf_data() {
        String entryHash = AuditChain.hash(1, AuditChain.GENESIS_HASH, "{}");
        MerkleTree tree = MerkleTree.ofEntryHashes(List.of(entryHash));

        assertThat(tree.root()).isEqualTo(MerkleTree.leafHash(HexFormat.of().parseHex(entryHash)));
        assertThatThrownBy(() -> MerkleTree.leafOfEntryHash("ABC"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("odd length");
    }

    @Property(tries = 150)
    void a_tree_started_from_a_frontier_gives_the_whole_trees_roots_and_proofs(
            @ForAll @IntRange(min = 0, max = 150) int archived,
            @ForAll @IntRange(min = 0, max = 80) int more) {
        MerkleTree whole = treeOf(archived + more);
        MerkleTree start = treeOf(archived);
        MerkleTree resumed = MerkleTree.fromFrontier(archived, start.frontier());
        for (int i = archived; i < archived + more; i++) {
            resumed.append(leaf(i));
        }

        assertThat(resumed.size()).isEqualTo(archived + more);
        assertThat(resumed.frontier()).containsExactlyElementsOf(whole.frontier());
        for (long n = Math.max(archived, 1); n <= archived + more; n++) {
            assertThat(resumed.rootOf(n)).as("root of %d", n).isEqualTo(whole.rootOf(n));
            for (long m = Math.max(archived, 1); m <= n; m++) {
                assertThat(resumed.consistencyProof(m, n))
                        .as("%d -> %d", m, n)
                        .containsExactlyElementsOf(whole.consistencyProof(m, n));
            }
            for (long i = archived; i < n; i++) {
                assertThat(resumed.inclusionProof(i, n))
                        .as("leaf %d in %d", i, n)
                        .containsExactlyElementsOf(whole.inclusionProof(i, n));
            }
        }
    }

    @Test
    void a_tree_from_a_frontier_refuses_what_lies_inside_the_archived_prefix() {
        MerkleTree resumed = MerkleTree.fromFrontier(6, treeOf(6).frontier());
        resumed.append(leaf(6));

        assertThat(resumed.firstHeldLeaf()).isEqualTo(6);
        assertThatThrownBy(() -> resumed.rootOf(5))
                .hasMessageContaining("tree size 5 is not in 6..7")
                .hasMessageContaining("holds the leaves after 6 only");
        assertThatThrownBy(() -> resumed.inclusionProof(2, 7))
                .hasMessageContaining("leaf index 2 is archived");
        assertThatThrownBy(() -> resumed.consistencyProof(3, 7))
                .hasMessageContaining("tree size 3 is archived");
        assertThatThrownBy(() -> MerkleTree.fromFrontier(6, List.of(leaf(0))))
                .hasMessageContaining("a tree of size 6 has a frontier of 2 hashes, got 1");
    }

    @Test
    void proofs_outside_the_tree_are_refused() {
        MerkleTree tree = treeOf(5);
        assertThatThrownBy(() -> tree.inclusionProof(5, 5))
                .hasMessageContaining("leaf index 5 is not in a tree of size 5");
        assertThatThrownBy(() -> tree.rootOf(6)).hasMessageContaining("tree size 6 is not in 0..5");
        assertThatThrownBy(() -> tree.consistencyProof(0, 3))
                .hasMessageContaining("1 <= first <= second");
    }

    private static byte[] leaf(int i) {
        return MerkleTree.leafHash(("entry " + i).getBytes(StandardCharsets.UTF_8));
    }

    private static MerkleTree treeOf(int size) {
        MerkleTree tree = new MerkleTree();
        for (int i = 0; i < size; i++) {
            tree.append(leaf(i));
        }
        return tree;
    }

    private static byte[] naiveRoot(List<byte[]> leaves) {
        if (leaves.size() == 1) {
            return leaves.get(0);
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        return MerkleTree.nodeHash(
                naiveRoot(leaves.subList(0, k)), naiveRoot(leaves.subList(k, leaves.size())));
    }

    private static List<byte[]> flip(List<byte[]> proof, int which, int bytePos) {
        List<byte[]> copy = new ArrayList<>(proof);
        copy.set(which, flip(proof.get(which), bytePos));
        return copy;
    }

    private static byte[] flip(byte[] hash, int bytePos) {
        byte[] copy = hash.clone();
        copy[bytePos] ^= 0x01;
        return copy;
    }
}
