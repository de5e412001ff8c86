package dev.autonoc.service.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ApprovalPropertiesTest {

    @Test
    void zero_waits_for_ever_and_a_negative_timeout_names_the_setting() {
        assertThat(new ApprovalProperties(Duration.ZERO).timeout()).isZero();
        assertThat(new ApprovalProperties(Duration.ofHours(4)).timeout()).hasHours(4);
        assertThatThrownBy(() -> new ApprovalProperties(Duration.ofMinutes(-5)))
                .hasMessageContaining("autonoc.approvals.timeout")
                .hasMessageContaining("0 waits for ever");
    }
}
