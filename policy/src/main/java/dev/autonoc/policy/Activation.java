package dev.autonoc.policy;

import dev.autonoc.core.policy.ActionRequest;
import dev.cel.runtime.CelVariableResolver;
import java.util.Optional;

/**
 * The variables of one evaluation, each computed from the request, the guards' counters and the
 * policy's data when a rule first reads it, then kept: most decisions read a few of them. Both CEL
 * (by name) and the direct expressions (by index, see {@link DirectExpressions}) read it. Not
 * thread-safe: one per evaluation.
 */
final class Activation implements CelVariableResolver {

    private final ActionRequest request;
    private final History history;
    private final PolicyData data;
    private final Object[] values = new Object[PolicyVariables.COUNT];

    Activation(ActionRequest request, History history, PolicyData data) {
        this.request = request;
        this.history = history;
        this.data = data;
    }

    /** The variable of index {@code i} ({@link PolicyVariables#index}). */
    Object get(int i) {
        Object v = values[i];
        if (v == null) {
            v = PolicyVariables.value(i, request, history, data);
            values[i] = v;
        }
        return v;
    }

    PolicyData data() {
        return data;
    }

    ActionRequest request() {
        return request;
    }

    History history() {
        return history;
    }

    /** {@code time.hour}, without building the {@code time} map: UTC, 0..23. */
    long hour() {
        return Math.floorMod(request.at().getEpochSecond(), 86_400L) / 3600;
    }

    /** {@code time.minute}, without building the {@code time} map. */
    long minute() {
        return Math.floorMod(request.at().getEpochSecond(), 3600L) / 60;
    }

    @Override
    public Optional<Object> find(String name) {
        int i = PolicyVariables.index(name);
        return i < 0 ? Optional.empty() : Optional.of(get(i));
    }
}
