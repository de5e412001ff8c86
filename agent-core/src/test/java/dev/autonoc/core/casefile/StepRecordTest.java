package dev.autonoc.core.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.tool.ToolCall;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A step's record moves as its calls go (docs/agent.md, "Durable steps"): the attempt only after a
 * call that surely did nothing, the tries with every call, the undo registered before a call and
 * standing while the call may have acted, live once it did.
 */
class StepRecordTest {

    static final Instant T = Instant.parse("2025-01-07T10:00:00Z");
    static final ToolCall ORDER = ToolCall.of("order_part", Map.of("part", "PSU"));
    static final ToolCall UNDO = ToolCall.of("cancel_order", Map.of("order_key", "c/1/1"));

    enum Event {
        TRANSIENT,
        UNCERTAIN,
        REGISTER
    }

    @Provide
    Arbitrary<List<Event>> histories() {
        return Arbitraries.of(Event.class).list().ofMaxSize(12);
    }

    @Property(tries = 300)
    void the_attempt_moves_only_on_a_transient_outcome_and_the_tries_count_every_call(
            @ForAll("histories") List<Event> events) {
        StepRecord s = StepRecord.pending(1, ORDER);
        int transients = 0;
        int calls = 0;
        for (Event e : events) {
            switch (e) {
                case TRANSIENT -> {
                    s = s.retrying(true, T, "unavailable");
                    transients++;
                    calls++;
                }
                case UNCERTAIN -> {
                    s = s.retrying(false, T, "time-out");
                    calls++;
                }
                case REGISTER -> s = s.registering(UNDO);
            }
        }
        assertThat(s.attempt()).isEqualTo(1 + transients);
        assertThat(s.tries()).isEqualTo(calls);
        assertThat(s.state()).isEqualTo(StepState.PENDING);
        assertThat(s.retryAt()).isEqualTo(calls > 0 ? Optional.of(T) : Optional.empty());
    }

    @Test
    void an_undo_registered_before_a_call_stands_while_the_call_may_have_acted() {
        StepRecord registered = StepRecord.pending(1, ORDER).registering(UNDO);
        assertThat(registered.commitment()).isEqualTo(Commitment.REGISTERED);
        assertThat(registered.undo()).contains(UNDO);

        assertThat(registered.retrying(false, T, "time-out").commitment())
                .isEqualTo(Commitment.REGISTERED);
        assertThat(registered.retrying(true, T, "unavailable").commitment())
                .as("nothing happened: nothing to undo")
                .isEqualTo(Commitment.NONE);
        assertThat(registered.failed(StepState.FAILED, true, "gave up").commitment())
                .isEqualTo(Commitment.REGISTERED);
        assertThat(registered.failed(StepState.FAILED, false, "refused").commitment())
                .isEqualTo(Commitment.NONE);
    }

    @Test
    void a_done_step_with_an_undo_stands_live_and_one_without_needs_none() {
        StepRecord done =
                StepRecord.pending(1, ORDER)
                        .registering(UNDO)
                        .done(Optional.of(T), Map.of("order_id", "PO-1"), "ordered");
        assertThat(done.commitment()).isEqualTo(Commitment.LIVE);
        assertThat(done.commitment().needsUndoUnlessKept()).isTrue();
        assertThat(done.tries()).isEqualTo(1);
        assertThat(done.completesAt()).contains(T);
        assertThat(done.output()).containsEntry("order_id", "PO-1");

        StepRecord restart =
                StepRecord.pending(2, ToolCall.of("restart_element", Map.of()))
                        .done(Optional.empty(), Map.of(), "restarted");
        assertThat(restart.commitment()).isEqualTo(Commitment.NONE);
        assertThat(Commitment.SETTLED.needsUndoUnlessKept()).isFalse();
        assertThat(Commitment.UNDONE.needsUndoUnlessKept()).isFalse();
    }

    @Test
    void an_approval_stays_on_the_step_for_its_retries_until_an_amendment_drops_it() {
        StepRecord approved = StepRecord.pending(1, ORDER).withApproval("apr-1").approved("ok");
        assertThat(approved.state()).isEqualTo(StepState.PENDING);
        assertThat(approved.approvalId()).contains("apr-1");
        assertThat(approved.retrying(true, T, "again").approvalId()).contains("apr-1");
        assertThat(approved.withoutApproval().approvalId()).isEmpty();
    }

    @Test
    void a_step_held_back_by_an_open_circuit_keeps_its_tries() {
        StepRecord s = StepRecord.pending(1, ORDER).retrying(true, T, "unavailable");
        StepRecord held = s.waitingUntil(T.plusSeconds(600), "circuit open");
        assertThat(held.tries()).isEqualTo(s.tries());
        assertThat(held.attempt()).isEqualTo(s.attempt());
        assertThat(held.retryAt()).contains(T.plusSeconds(600));
    }

    @Test
    void a_record_that_makes_no_sense_is_refused() {
        assertThatThrownBy(
                        () ->
                                new StepRecord(
                                        0,
                                        0,
                                        ORDER,
                                        StepState.PENDING,
                                        0,
                                        0,
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Map.of(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Commitment.NONE,
                                        ""))
                .hasMessageContaining("attempt must be >= 1");
        assertThat(StepState.WAITING_APPROVAL.isFinal()).isFalse();
        assertThat(StepState.SUPERSEDED.isFinal()).isTrue();
    }
}
