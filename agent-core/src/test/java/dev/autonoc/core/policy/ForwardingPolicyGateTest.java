package dev.autonoc.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.tool.ToolResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForwardingPolicyGateTest {

    static final Instant MIDNIGHT = Instant.parse("2025-01-07T00:00:00Z");

    /** A gate whose every answer differs from the interface's defaults. */
    static final class Answering implements PolicyGate {
        final List<String> recorded = new ArrayList<>();

        @Override
        public String version() {
            return "v-test";
        }

        @Override
        public Decision evaluate(ActionRequest request) {
            return Decision.deny("dec-1", List.of("rate"), List.of("ten today"), version());
        }

        @Override
        public void recordExecution(ActionRequest request, ToolResult result) {
            recorded.add("delegate");
        }

        @Override
        public boolean deniedForTheMoment(Decision decision) {
            return true;
        }

        @Override
        public Optional<Instant> deniedUntil(Decision decision, Instant at) {
            return Optional.of(MIDNIGHT);
        }

        @Override
        public boolean refusesAlways(String tool) {
            return tool.equals("cancel_appointment");
        }

        @Override
        public boolean askedForTheMoment(Decision decision) {
            return true;
        }
    }

    @Test
    void every_question_reaches_the_wrapped_gate_and_recording_stays_the_wrappers_own() {
        Answering inner = new Answering();
        List<String> recorded = new ArrayList<>();
        PolicyGate wrapper =
                new ForwardingPolicyGate(inner) {
                    @Override
                    public void recordExecution(ActionRequest request, ToolResult result) {
                        recorded.add("wrapper");
                    }
                };
        Decision denied = Decision.deny("dec-1", List.of("rate"), List.of("ten today"), "v-test");

        assertThat(wrapper.version()).isEqualTo("v-test");
        assertThat(wrapper.evaluate(null).effect()).isEqualTo(Effect.DENY);
        assertThat(wrapper.deniedForTheMoment(denied)).isTrue();
        assertThat(wrapper.deniedUntil(denied, MIDNIGHT.minusSeconds(60))).contains(MIDNIGHT);
        assertThat(wrapper.refusesAlways("cancel_appointment")).isTrue();
        assertThat(wrapper.refusesAlways("order_part")).isFalse();
        assertThat(wrapper.askedForTheMoment(denied)).isTrue();

        wrapper.recordExecutionDeferred(null, ToolResult.succeeded(java.util.Map.of(), "ok")).run();
        assertThat(recorded)
                .as("the interface's deferral, through the wrapper's own record")
                .containsExactly("wrapper");
        assertThat(inner.recorded).isEmpty();
    }
}
