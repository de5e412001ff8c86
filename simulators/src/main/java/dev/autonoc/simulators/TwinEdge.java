package dev.autonoc.simulators;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.prediction.Part;
import dev.autonoc.tools.oss.EnterpriseSlice;
import dev.autonoc.tools.oss.Money;
import dev.autonoc.tools.oss.OssException;
import dev.autonoc.tools.oss.Resource;
import dev.autonoc.tools.oss.ResourceStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the nine TMF adapters over the twin share: the world's lock, the first outcome of each
 * acting call by (API, key) so that a repeat gets the first answer or refusal with no second
 * effect, a refusal of the twin turned into a non-retriable {@link OssException} of the API called,
 * the checked look-ups of an element and a part, and what losing an element does ({@link Outages}).
 */
final class TwinEdge {

    private final World world;
    private final Outages outages;
    private final Map<String, Object> firstOutcome = new HashMap<>();

    TwinEdge(World world) {
        this.world = world;
        this.outages = new Outages(world);
    }

    World world() {
        return world;
    }

    Outages outages() {
        return outages;
    }

    // ---------------------------------------------------------------- plumbing

    /** Runs an acting call once per (API, key); a repeat gets the first answer or refusal. */
    @SuppressWarnings("unchecked")
    <T> T once(String api, String key, Supplier<T> action) {
        synchronized (world) {
            String k = api + " " + key;
            Object prior = firstOutcome.get(k);
            if (prior instanceof TwinRefusal r) {
                throw refusal(api, r);
            }
            if (prior != null) {
                return (T) prior;
            }
            try {
                T result = action.get();
                firstOutcome.put(k, result);
                return result;
            } catch (TwinRefusal r) {
                firstOutcome.put(k, r);
                throw refusal(api, r);
            }
        }
    }

    <T> T read(String api, Supplier<T> action) {
        synchronized (world) {
            try {
                return action.get();
            } catch (TwinRefusal r) {
                throw refusal(api, r);
            }
        }
    }

    private static OssException refusal(String api, TwinRefusal r) {
        return r.isInvalid()
                ? OssException.invalid(api, r.getMessage())
                : OssException.refused(api, r.getMessage());
    }

    int element(String id) {
        Integer e = lookup(id);
        if (e == null) {
            throw TwinRefusal.invalid(
                    "unknown element '" + id + "'; ids look like " + world.topology.someIds());
        }
        return e;
    }

    static Part part(String code) {
        return Part.fromCode(code)
                .orElseThrow(
                        () ->
                                TwinRefusal.invalid(
                                        "unknown part '" + code + "'; accepted: " + Part.codes()));
    }

    ResourceStatus status(int e) {
        if (world.states.isUnderWork(e) || world.states.isRestarting(e)) {
            return ResourceStatus.UNDER_WORK;
        }
        if (world.states.isFailed(e)) {
            return ResourceStatus.DOWN;
        }
        if (world.states.isDrained(e)) {
            return ResourceStatus.DRAINED;
        }
        return ResourceStatus.UP;
    }

    Resource resource(int e) {
        Element el = world.topology.element(e);
        return new Resource(
                el.id().value(), el.kind(), el.role(), el.region(), el.site(), status(e));
    }

    Integer lookup(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        return world.topology.index.get(dev.autonoc.core.network.ElementId.of(id));
    }

    // ---------------------------------------------------------------- what losing an element does

    Outages.Analysis analyse(int x) {
        return outages.now(x);
    }

    /** {@link #analyse} for what needs only what losing {@code x} cuts off or overloads. */
    Outages.Analysis cutOff(int x) {
        return outages.cutOffNow(x);
    }

    /**
     * Whether the element's traffic has another path: never for a radio site or an aggregation
     * router (their customers hang off them alone), otherwise when losing it cuts no one off.
     */
    boolean alternate(int e, Outages.Analysis a) {
        Topology t = world.topology;
        return !t.isCell(e) && !t.isAgg(e) && a.sitesIsolated() == 0;
    }

    static EnterpriseSlice slice(Customers.Slice s) {
        return new EnterpriseSlice(s.id(), s.customerId(), Money.gbp(s.monthlyFeeGbp()));
    }
}
