package dev.autonoc.policy;

import dev.autonoc.core.approval.RoleHierarchy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The policy in force, and every version that has been in force, each kept by its content hash
 * ({@code sha256:...}).
 *
 * <p>{@link #replace(Path)} reads and validates a new file completely (YAML, keys, tools, roles,
 * CEL type-checked against the declared variables, no rule shadowed by a broader DENY) before it
 * takes the place of the current version; a file that is refused throws {@link PolicyLoadException}
 * with the file, line and reason, and the current version stays in force. A file whose hash is
 * already kept is not compiled again: it becomes current, as a rollback does with {@link
 * #activate(String)}.
 *
 * <p>Thread-safe: a gate reads {@link #current()} once per evaluation, so a reload never mixes two
 * versions in one decision.
 */
public final class PolicyStore {

    /**
     * A kept version.
     *
     * @param version {@code sha256:} and the hex digest of the file's bytes
     * @param name the file name it was loaded from
     * @param text the file's text, as loaded
     * @param ruleCount how many rules it has
     */
    public record Version(String version, String name, String text, int ruleCount) {}

    private final RoleHierarchy roles;
    private final Map<String, Policy> kept = new LinkedHashMap<>();
    private final Map<String, String> texts = new LinkedHashMap<>();
    private volatile Policy current;

    private PolicyStore(Policy first, byte[] bytes) {
        this.roles = first.roles();
        keep(first, bytes);
        this.current = first;
    }

    static PolicyStore of(Policy policy, byte[] bytes) {
        return new PolicyStore(policy, bytes);
    }

    /** A store whose first version is the shipped default policy. */
    public static PolicyStore withDefaultPolicy() {
        return new PolicyStore(
                CelPolicyGate.defaultCompiled(),
                CelPolicyGate.defaultPolicyText().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A store whose first version is {@code file}, checked against {@code roles}.
     *
     * @throws PolicyLoadException when the file is refused
     */
    public static PolicyStore load(Path file, RoleHierarchy roles) {
        Objects.requireNonNull(roles, "roles");
        byte[] bytes = read(file);
        return new PolicyStore(PolicyLoader.load(fileName(file), bytes, roles), bytes);
    }

    /** The version in force. */
    Policy current() {
        return current;
    }

    /** The hash of the version in force. */
    public String currentVersion() {
        return current.version();
    }

    /**
     * Validates {@code file} completely and, if it is accepted, makes it the version in force.
     *
     * @return the new current version
     * @throws PolicyLoadException when the file is refused; the current version stays in force
     * @throws UncheckedIOException when the file cannot be read; the current version stays in force
     */
    public String replace(Path file) {
        byte[] bytes = read(file);
        return replace(fileName(file), bytes);
    }

    /** As {@link #replace(Path)}, from text; {@code name} stands for the file name in errors. */
    public String replaceWithText(String name, String yaml) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(yaml, "yaml");
        return replace(name, yaml.getBytes(StandardCharsets.UTF_8));
    }

    private String replace(String name, byte[] bytes) {
        String version = PolicyLoader.version(bytes);
        synchronized (this) {
            Policy known = kept.get(version);
            if (known != null) {
                current = known;
                return version;
            }
        }
        // compiled outside the lock: a slow or refused file never holds up readers or others
        Policy loaded = PolicyLoader.load(name, bytes, roles);
        synchronized (this) {
            keep(loaded, bytes);
            current = kept.get(loaded.version());
            return current.version();
        }
    }

    /**
     * Puts a kept version back in force (a rollback).
     *
     * @throws IllegalArgumentException when no version with this hash was ever loaded here
     */
    public synchronized void activate(String version) {
        current = keptOrThrow(version);
    }

    /** Every version loaded here, oldest first. */
    public synchronized List<Version> versions() {
        List<Version> out = new ArrayList<>();
        kept.forEach(
                (hash, p) ->
                        out.add(new Version(hash, p.name(), texts.get(hash), p.rules().size())));
        return List.copyOf(out);
    }

    /** A kept version by its hash. */
    public synchronized Optional<Version> version(String version) {
        Policy p = kept.get(version);
        return p == null
                ? Optional.empty()
                : Optional.of(new Version(version, p.name(), texts.get(version), p.rules().size()));
    }

    /**
     * The rules of a kept version as its file wrote them, in file order: read from the compiled
     * version, never from its text again.
     */
    public Optional<List<PolicyRule>> rules(String version) {
        return kept(version).map(Policy::written);
    }

    /** A kept version, compiled. */
    synchronized Optional<Policy> kept(String version) {
        return Optional.ofNullable(kept.get(version));
    }

    /**
     * A kept version, compiled.
     *
     * @throws IllegalArgumentException naming the kept versions when no version has this hash
     */
    synchronized Policy keptOrThrow(String version) {
        Policy p = kept.get(Objects.requireNonNull(version, "version"));
        if (p == null) {
            throw new IllegalArgumentException(
                    "no policy version " + version + " is kept; kept: " + kept.keySet());
        }
        return p;
    }

    private void keep(Policy policy, byte[] bytes) {
        kept.putIfAbsent(policy.version(), policy);
        texts.putIfAbsent(policy.version(), new String(bytes, StandardCharsets.UTF_8));
    }

    private static byte[] read(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read policy file " + file, e);
        }
    }

    private static String fileName(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }
}
