/**
 * The planner's port and what passes through it: the request (case, element, prediction, time, a
 * read-only view of the tools), the context of an earlier plan (what is done, kept and learnt, what
 * other cases hold), and the plan that comes back with its steps, the assumptions it rests on and,
 * where no way is left, the reason a person is needed.
 */
@NullMarked
package dev.autonoc.core.plan;

import org.jspecify.annotations.NullMarked;
