package dev.autonoc.core.planner;

import static dev.autonoc.core.tool.ToolNames.PREVIEW_OUTAGE;

import dev.autonoc.core.plan.PlanningRequest;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What taking the case's element out of service at a given time would do, asked of the network with
 * the {@code preview_outage} read (docs/agent.md, "Do no harm"): on top of what is out then, at
 * that hour's load. Answers are kept per time, and at most {@code limit} are asked per plan. A
 * catalogue without the read (or a read that fails) answers nothing, and the work is taken as
 * harmless, as before the read existed.
 */
final class Outages {

    /**
     * What one preview said.
     *
     * @param consumersCut the consumers the outage cuts off (their sites isolated): unlike
     *     congestion, the same at any hour
     * @param othersOut whether other elements are out of service then (down, drained or under
     *     work): what the preview says may change when they come back
     */
    record Preview(
            Instant at,
            boolean safe,
            double customerMinutes,
            long consumersCut,
            String summary,
            boolean othersOut) {}

    private final PlanningRequest request;
    private final int limit;
    private final Map<String, Optional<Preview>> asked = new HashMap<>();
    // failures' previews asked ahead and not looked up yet: outside the limit's count until they
    // are, as they would have been asked only then
    private final Map<String, Optional<Preview>> failuresAhead = new HashMap<>();
    private boolean unavailable;

    Outages(PlanningRequest request, int limit) {
        this.request = request;
        this.limit = limit;
    }

    /** The preview of an outage of {@code length} from {@code at}, if the network can say. */
    Optional<Preview> at(Instant at, Duration length) {
        return lookup(at, length, true);
    }

    /**
     * The preview of an unprotected failure at {@code at}: asked even when the work's previews used
     * up the limit, since whether to hold the work rests on it (without it a failure would count as
     * harmless).
     */
    Optional<Preview> failure(Instant at, Duration length) {
        return lookup(at, length, false);
    }

    private Optional<Preview> lookup(Instant at, Duration length, boolean limited) {
        String key = key(at, length);
        if (asked.containsKey(key)) {
            return asked.get(key);
        }
        if (unavailable || (limited && asked.size() >= limit)) {
            return Optional.empty();
        }
        Optional<Preview> preview =
                failuresAhead.containsKey(key) ? failuresAhead.remove(key) : ask(at, length);
        asked.put(key, preview);
        return preview;
    }

    /** Whether the preview of an outage of {@code length} from {@code at} has been asked. */
    boolean asked(Instant at, Duration length) {
        return asked.containsKey(key(at, length));
    }

    /** Whether the network says the outage would harm no customer (unknown counts as harmless). */
    boolean safe(Instant at, Duration length) {
        return at(at, length).map(Preview::safe).orElse(true);
    }

    /** Whether another preview may still be asked. */
    boolean canAsk() {
        return !unavailable && asked.size() < limit;
    }

    /**
     * Asks ahead the previews of these outages, of which the plan needs the first and the next only
     * if the ones before found harm: all at once where the reader asks reads at once, else the
     * first alone (docs/agent.md, "Do no harm"). Those already asked are skipped, and no more are
     * asked than the limit leaves.
     */
    void ahead(List<Map.Entry<Instant, Duration>> outages) {
        ahead(outages, Optional.empty());
    }

    /**
     * As {@link #ahead(List)}, with the preview of an unprotected failure after them, needed only
     * if every one of them finds harm ({@link #failure}): outside the limit, as that one is, and
     * counted in it only once it is looked up.
     */
    void ahead(
            List<Map.Entry<Instant, Duration>> outages,
            Optional<Map.Entry<Instant, Duration>> failure) {
        if (unavailable) {
            return;
        }
        List<String> keys = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        for (Map.Entry<Instant, Duration> o : outages) {
            String key = key(o.getKey(), o.getValue());
            if (asked.containsKey(key) || keys.contains(key)) {
                continue;
            }
            if (asked.size() + keys.size() >= limit) {
                break;
            }
            keys.add(key);
            calls.add(call(o.getKey(), o.getValue()));
        }
        String failureKey = failure.map(f -> key(f.getKey(), f.getValue())).orElse(null);
        if (failureKey != null
                && !asked.containsKey(failureKey)
                && !failuresAhead.containsKey(failureKey)
                && !keys.contains(failureKey)) {
            keys.add(failureKey);
            calls.add(call(failure.get().getKey(), failure.get().getValue()));
        }
        if (calls.size() < 2) {
            return; // nothing to gain: asked when needed, as one after another
        }
        List<ToolResult> answers;
        try {
            answers = request.reader().readAhead(calls);
        } catch (IllegalArgumentException e) {
            unavailable = true; // the catalogue has no such read
            return;
        }
        for (int i = 0; i < answers.size(); i++) {
            Instant at = Instant.parse((String) calls.get(i).arguments().get("at"));
            Optional<Preview> preview = preview(at, answers.get(i));
            if (keys.get(i).equals(failureKey)) {
                failuresAhead.put(failureKey, preview);
            } else {
                asked.put(keys.get(i), preview);
            }
        }
    }

    private static String key(Instant at, Duration length) {
        return at + "/" + length;
    }

    private ToolCall call(Instant at, Duration length) {
        return ToolCall.of(
                PREVIEW_OUTAGE,
                Map.of(
                        "element_id", request.element().id().value(),
                        "at", at.toString(),
                        "duration_minutes", Math.max(1L, length.toMinutes())));
    }

    private Optional<Preview> ask(Instant at, Duration length) {
        ToolCall call = call(at, length);
        ToolResult r;
        try {
            r = request.reader().read(call.tool(), call.arguments());
        } catch (IllegalArgumentException e) {
            unavailable = true; // the catalogue has no such read
            return Optional.empty();
        }
        return preview(at, r);
    }

    private Optional<Preview> preview(Instant at, ToolResult r) {
        if (!r.succeeded()) {
            return Optional.empty();
        }
        Readings out = new Readings(PREVIEW_OUTAGE, r.output());
        return Optional.of(
                new Preview(
                        at,
                        out.boolOr("safe", true),
                        out.numberOr("customer_minutes", 0.0),
                        Math.round(out.numberOr("consumers_cut", 0.0)),
                        r.summary(),
                        out.has("elements_out")
                                && out.strings("elements_out").stream()
                                        .anyMatch(e -> !e.equals(request.element().id().value()))));
    }
}
