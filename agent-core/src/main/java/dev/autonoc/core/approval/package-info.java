/**
 * People in the loop: the approval queue a gated action waits in ({@link
 * dev.autonoc.core.approval.ApprovalQueue}, an in-memory one here, a durable one in the service),
 * the role hierarchy that says who may answer (an unanswered request climbs it), and the rules that
 * refuse an answer by the requester or by a role too low.
 */
@NullMarked
package dev.autonoc.core.approval;

import org.jspecify.annotations.NullMarked;
