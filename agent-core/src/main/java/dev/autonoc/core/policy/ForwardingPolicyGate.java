package dev.autonoc.core.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A gate that puts every question to another (Guava's {@code Forwarding*} style): a wrapper that
 * changes one answer (autonomy levels narrowing a decision) or keeps the guards' records elsewhere
 * (a table, shared by instances) overrides that, and a question added to {@link PolicyGate} later
 * reaches the wrapped gate without each wrapper having to pass it on. How an execution is recorded
 * is each wrapper's own: {@link #recordExecution} is not forwarded, and {@link
 * #recordExecutionDeferred} is the interface's unless a wrapper says otherwise.
 */
public abstract class ForwardingPolicyGate implements PolicyGate {

    private final PolicyGate delegate;

    protected ForwardingPolicyGate(PolicyGate delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The gate the questions go to. */
    protected final PolicyGate delegate() {
        return delegate;
    }

    @Override
    public String version() {
        return delegate.version();
    }

    @Override
    public Decision evaluate(ActionRequest request) {
        return delegate.evaluate(request);
    }

    @Override
    public boolean deniedForTheMoment(Decision decision) {
        return delegate.deniedForTheMoment(decision);
    }

    @Override
    public Optional<Instant> deniedUntil(Decision decision, Instant at) {
        return delegate.deniedUntil(decision, at);
    }

    @Override
    public boolean refusesAlways(String tool) {
        return delegate.refusesAlways(tool);
    }

    @Override
    public boolean askedForTheMoment(Decision decision) {
        return delegate.askedForTheMoment(decision);
    }
}
