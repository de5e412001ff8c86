package dev.autonoc.service.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.approval.Actors;
import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.approval.ApprovalException;
import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.ApprovalQueueContract;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.tool.ToolCall;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * agent-core's approval-queue contract on the JDBC queue over H2, and what only a database gives: a
 * queue opened again finds the requests waiting and the answers given, continues the ids, and an
 * answer recorded by one queue is never given again by another.
 */
class JdbcApprovalQueueTest extends ApprovalQueueContract {

    private ServiceDatabase db;

    DataSource database() {
        return TestDatabases.h2();
    }

    private ServiceDatabase db() {
        if (db == null) {
            db = ServiceDatabase.open(database());
        }
        return db;
    }

    /** An empty queue: the table is emptied, as a queue on a new database would find it. */
    @Override
    protected ApprovalQueue newQueue(RoleHierarchy roles) {
        TestDatabases.execute(db().dataSource(), "DELETE FROM service_approval");
        return JdbcApprovalQueue.open(db(), roles);
    }

    @Test
    void a_queue_opened_again_finds_what_waits_and_what_was_answered_and_continues_the_ids() {
        ApprovalQueue first = newQueue(ROLES);
        ApprovalRequest waiting = submit(first, RoleHierarchy.NOC_OPERATOR, Actors.AGENT);
        ApprovalRequest answered = submit(first, RoleHierarchy.NOC_OPERATOR, Actors.AGENT);
        ApprovalAnswer answer =
                first.approve(
                        answered.id(),
                        OLGA,
                        "amended",
                        T,
                        Optional.of(ToolCall.of("order_part", Map.of("quantity", 2L))));

        ApprovalQueue reopened = JdbcApprovalQueue.open(db(), ROLES);

        assertThat(reopened.pending()).containsExactly(waiting);
        assertThat(reopened.find(answered.id())).contains(answered);
        assertThat(reopened.answer(answered.id())).contains(answer);
        ApprovalRequest third = submit(reopened, RoleHierarchy.NOC_OPERATOR, Actors.AGENT);
        assertThat(third.id()).isNotIn(waiting.id(), answered.id()).isEqualTo("apr-3");
    }

    @Test
    void an_answer_recorded_by_one_queue_is_not_given_again_by_another_on_the_same_database() {
        ApprovalQueue one = newQueue(ROLES);
        ApprovalRequest r = submit(one, RoleHierarchy.NOC_OPERATOR, Actors.AGENT);
        ApprovalQueue other = JdbcApprovalQueue.open(db(), ROLES);

        one.reject(r.id(), OLGA, "not now", T);

        assertThatThrownBy(() -> other.approve(r.id(), SAM, "yes", T, Optional.empty()))
                .isInstanceOf(ApprovalException.class)
                .hasMessageContaining("already answered");
        assertThat(JdbcApprovalQueue.open(db(), ROLES).answer(r.id()).orElseThrow().by())
                .isEqualTo("olga");
    }
}
