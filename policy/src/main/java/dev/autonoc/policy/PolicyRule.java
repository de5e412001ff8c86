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
 * @param retry with DENY and REQUIRE_APPROVAL: whether its denial, or a person's refusal of the
 *     approval it asked for, is for good or of the moment, as the file said or, where it said
 *     nothing, as derived ({@link Retry})
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
        Optional<Retry> retry,
        int line) {

    /**
     * What a DENY means for the agent that asked (the rule's {@code retry} key). {@link #NEVER}:
     * the call itself is refused, and the agent does not ask for it again in the case (an order too
     * large, an engineer without the skill). {@link #LATER}: the denial rests on the moment (the
     * guards' counts, a calendar, the network's state now, such as a reroute that would isolate a
     * site while a neighbour is drained), so the agent pauses the call and may ask for the very
     * same call again once the pause is over.
     *
     * <p>On a REQUIRE_APPROVAL rule it says what a person's refusal of the approval the rule asked
     * for means. {@link #NEVER} (the default: a person's no is a person's): the refused call is
     * ruled out for the case. {@link #LATER}: the rule asks because of the moment (the element's
     * data cannot be trusted now, the day's spend is high), so the refusal answers that question
     * only: the agent pauses the tool, does not put the same question to a person again while the
     * gate still asks it for the same rules, and goes ahead once the gate no longer asks (the data
     * are fresh again) or asks something else.
     */
    public enum Retry {
        NEVER,
        LATER;

        /** The word a policy file writes: {@code never}, {@code later}. */
        public String written() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

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
        Objects.requireNonNull(retry, "retry");
    }
}
