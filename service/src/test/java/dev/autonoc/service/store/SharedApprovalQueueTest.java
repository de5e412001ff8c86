package dev.autonoc.service.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.approval.Actors;
import dev.autonoc.core.approval.ApprovalException;
import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.ApprovalQueueContract;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.approval.Verdict;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * agent-core's approval-queue contract on the queue instances share, and what sharing adds: a
 * request parked by one instance is answered through another, and the answer reaches the first; ids
 * stay unique whichever instance parks; an answer is given once, whichever instance gives it.
 */
class SharedApprovalQueueTest extends ApprovalQueueContract {

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

    @Override
    protected ApprovalQueue newQueue(RoleHierarchy roles) {
        TestDatabases.execute(db().dataSource(), "DELETE FROM service_approval");
        return SharedApprovalQueue.open(db(), roles);
    }

    @Test
    void
            a_request_parked_by_the_owner_is_answered_through_another_instance_and_reaches_the_owner() {
        ApprovalQueue owner = newQueue(ROLES);
        ApprovalQueue other = SharedApprovalQueue.open(db(), ROLES);
        ApprovalRequest r = submit(owner, RoleHierarchy.NOC_OPERATOR, Actors.AGENT);

        assertThat(other.pending()).containsExactly(r);
        other.approve(r.id(), OLGA, "go ahead", T, Optional.empty());

        assertThat(owner.pending()).isEmpty();
        assertThat(owner.answer(r.id()).orElseThrow().verdict()).isEqualTo(Verdict.APPROVED);
        assertThat(owner.answer(r.id()).orElseThrow().by()).isEqualTo("olga");
        assertThatThrownBy(() -> owner.reject(r.id(), SAM, "no", T))
                .isInstanceOf(ApprovalException.class)
                .hasMessageContaining("already answered");
    }

    @Test
    void ids_stay_unique_whichever_instance_parks_a_request() {
        ApprovalQueue one = newQueue(ROLES);
        ApprovalQueue two = SharedApprovalQueue.open(db(), ROLES);

        ApprovalRequest a = submit(one, RoleHierarchy.NOC_OPERATOR, Actors.AGENT);
        ApprovalRequest b = submit(two, RoleHierarchy.NOC_OPERATOR, Actors.AGENT);
        ApprovalRequest c = submit(one, RoleHierarchy.NOC_OPERATOR, Actors.AGENT);

        assertThat(java.util.List.of(a.id(), b.id(), c.id()))
                .containsExactly("apr-1", "apr-2", "apr-3");
        assertThat(one.pending()).containsExactly(a, b, c);
        assertThat(two.pending()).containsExactly(a, b, c);
    }

    @Test
    void two_instances_parking_at_the_same_moment_do_not_both_hold_the_number() {
        ApprovalQueue one = newQueue(ROLES);
        ApprovalQueue two = SharedApprovalQueue.open(db(), ROLES);
        one.pending();
        two.pending(); // both know the table empty: both would take apr-1
        submit(one, RoleHierarchy.NOC_OPERATOR, Actors.AGENT);

        // the second insert would collide; the queue reads first, so it takes the next number
        ApprovalRequest second = submit(two, RoleHierarchy.NOC_OPERATOR, Actors.AGENT);

        assertThat(second.id()).isEqualTo("apr-2");
    }
}
