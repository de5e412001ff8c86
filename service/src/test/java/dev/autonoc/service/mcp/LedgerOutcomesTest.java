package dev.autonoc.service.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.CaseId;
import org.junit.jupiter.api.Test;

/**
 * The correlation of a call under a caller's own key is kept in the ledger and found again after a
 * restart, so its form is fixed: {@code mcp-k-} and the first 16 bytes of SHA-256 of {@code
 * actor\nkey}, in hex (computed here by Python's hashlib).
 */
class LedgerOutcomesTest {

    @Test
    void a_keyed_correlation_is_the_first_half_of_the_sha256_of_actor_and_key() {
        assertThat(LedgerOutcomes.keyedCorrelation("alice", "my-key-1"))
                .isEqualTo(new CaseId("mcp-k-0ecccfd0e12c6f5a6c87521345d5e069"));
        assertThat(LedgerOutcomes.keyedCorrelation("bob", "my-key-1"))
                .isNotEqualTo(LedgerOutcomes.keyedCorrelation("alice", "my-key-1"));
    }
}
