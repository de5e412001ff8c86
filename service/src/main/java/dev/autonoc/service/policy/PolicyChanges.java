package dev.autonoc.service.policy;

import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.policy.PolicyLoadException;
import dev.autonoc.policy.PolicyStore;
import dev.autonoc.service.store.PolicyVersions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every change of the policy in force, made durable: the version is kept in the database (text,
 * hash, who, when), the activation recorded, and a {@code POLICY_CHANGED} event appended to the
 * ledger, all before the change is reported done. At start it puts back every kept version and the
 * one that was in force.
 *
 * <p>What a restart puts in force: the version in force when the service stopped, unless the
 * configured file ({@code autonoc.policy.file}, or the shipped default) is one the service has
 * never kept: a new file in the configuration is the operator's decision to change the policy, so
 * it goes in force, recorded as a change by {@code system}.
 */
public final class PolicyChanges {

    private static final Logger log = LoggerFactory.getLogger(PolicyChanges.class);

    /** The actor of changes the service makes itself (at start). */
    public static final String SYSTEM = "system";

    private final PolicyStore store;
    private final PolicyVersions versions;
    private final AuditLog audit;
    private final Clock wall;
    private final List<String> refusedAtStart;

    private PolicyChanges(
            PolicyStore store,
            PolicyVersions versions,
            AuditLog audit,
            Clock wall,
            List<String> refusedAtStart) {
        this.store = store;
        this.versions = versions;
        this.audit = audit;
        this.wall = wall;
        this.refusedAtStart = List.copyOf(refusedAtStart);
    }

    /**
     * Puts back into {@code store} (whose only version is the configured one) every version kept in
     * the database, and the version in force when the service stopped; see the class comment.
     *
     * @param simNow the simulated time, for the ledger's event if the configured file is new
     */
    public static PolicyChanges restore(
            PolicyStore store,
            PolicyVersions versions,
            AuditLog audit,
            Clock wall,
            Instant simNow) {
        Objects.requireNonNull(store, "store");
        String configured = store.currentVersion();
        PolicyStore.Version configuredVersion = store.version(configured).orElseThrow();
        List<PolicyVersions.Kept> kept = versions.kept();
        List<String> refused = new ArrayList<>();
        for (PolicyVersions.Kept k : kept) {
            if (k.version().equals(configured)) {
                continue;
            }
            try {
                store.replaceWithText(k.name(), k.text());
            } catch (PolicyLoadException e) {
                // kept once, refused now (a role or tool it names is gone): it cannot be used
                refused.add(k.version());
                log.warn(
                        "kept policy {} ({}) is refused now: {}",
                        k.name(),
                        k.version(),
                        e.getMessage());
            }
        }
        PolicyChanges changes = new PolicyChanges(store, versions, audit, wall, refused);
        Optional<PolicyVersions.Activation> last = versions.inForce();
        boolean configuredKept = kept.stream().anyMatch(k -> k.version().equals(configured));
        Optional<String> before = last.map(PolicyVersions.Activation::version);
        if (!configuredKept) {
            versions.keep(
                    new PolicyVersions.Kept(
                            configured,
                            configuredVersion.name(),
                            configuredVersion.text(),
                            SYSTEM,
                            wall.instant()));
            store.activate(configured);
            changes.record("start", SYSTEM, before, configured, configuredVersion.name(), simNow);
        } else if (before.isPresent() && store.version(before.get()).isPresent()) {
            store.activate(before.get());
        } else {
            store.activate(configured);
            if (before.isPresent()) {
                changes.record(
                        "start", SYSTEM, before, configured, configuredVersion.name(), simNow);
            }
        }
        log.info("policy {} in force; {} version(s) kept", store.currentVersion(), kept.size());
        return changes;
    }

    /**
     * Validates a new file and puts it in force (see {@link PolicyStore#replaceWithText}); a
     * refused file changes nothing and leaves no trace but the exception.
     *
     * @return the version now in force
     * @throws PolicyLoadException with file, line and reason when the file is refused
     */
    public synchronized String upload(String name, String text, String actor, Instant simNow) {
        String before = store.currentVersion();
        String version = store.replaceWithText(name, text);
        try {
            versions.keep(new PolicyVersions.Kept(version, name, text, actor, wall.instant()));
            record("upload", actor, Optional.of(before), version, name, simNow);
        } catch (RuntimeException e) {
            // not durable, so not done: the version before stays in force
            store.activate(before);
            throw e;
        }
        return version;
    }

    /**
     * Puts a kept version back in force (a rollback).
     *
     * @throws IllegalArgumentException when no version with this hash is kept
     */
    public synchronized void activate(String version, String actor, Instant simNow) {
        String before = store.currentVersion();
        store.activate(version);
        String name = store.version(version).map(PolicyStore.Version::name).orElse("");
        try {
            record("activate", actor, Optional.of(before), version, name, simNow);
        } catch (RuntimeException e) {
            store.activate(before);
            throw e;
        }
    }

    /** Who kept each version and when, by version. */
    public Map<String, PolicyVersions.Kept> kept() {
        Map<String, PolicyVersions.Kept> out = new LinkedHashMap<>();
        versions.kept().forEach(k -> out.put(k.version(), k));
        return out;
    }

    /** Kept versions that the policy engine refuses now, so they were not put back at start. */
    public List<String> refusedAtStart() {
        return refusedAtStart;
    }

    /** The ledger first, then the activation: a change is done when both hold it. */
    private void record(
            String action,
            String actor,
            Optional<String> before,
            String version,
            String fileName,
            Instant simNow) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("action", action);
        payload.put("old_version", before.orElse(""));
        payload.put("new_version", version);
        payload.put("file_name", fileName);
        audit.append(
                new AuditEvent(
                        AuditEventType.POLICY_CHANGED,
                        AuditEvent.NO_CASE,
                        "",
                        actor,
                        simNow,
                        payload));
        versions.activated(
                new PolicyVersions.Activation(version, before, action, actor, wall.instant()));
    }
}
