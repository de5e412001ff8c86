package dev.autonoc.policy;

import dev.autonoc.core.policy.Effect;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One rule of a loaded policy as its file wrote it, for people to read: what an explanation shows
 * next to each verdict, and what the console lists. Built from the compiled rule, so it is always
 * the rule that decides (no second reading of the file).
 *
 * @param description empty when the file gives none
 * @param condition the CEL condition as written; empty when the rule has none (it fires whenever it
 *     matches)
 * @param role the approver's role, with REQUIRE_APPROVAL only
 * @param message the message as written, {@code ${...}} parts unevaluated
 * @param line where the rule starts in its file
 */
public record PolicyRule(
        String id,
        String description,
        Match match,
        Optional<String> condition,
        Effect effect,
        Optional<String> role,
        String message,
        int line) {

    /**
     * What the rule matches, as written.
     *
     * @param tools act tool names, or {@code ["*"]} for every act tool
     * @param kinds element kinds ({@code ROUTER}, ...); empty means any
     * @param regions element regions; empty means any
     */
    public record Match(List<String> tools, List<String> kinds, List<String> regions) {

        public Match {
            tools = List.copyOf(tools);
            kinds = List.copyOf(kinds);
            regions = List.copyOf(regions);
        }
    }

    public PolicyRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(message, "message");
    }
}
