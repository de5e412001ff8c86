package dev.autonoc.core.approval;

import java.util.Optional;

/**
 * Names of actors in the audit trail; an agent's name starts with {@link #AGENT_PREFIX}. An agent
 * acting for a signed-in person is named {@code agent:<agent>/<person>} (an MCP caller is {@code
 * agent:mcp/olga}): what it proposes counts as that person's proposal for the four-eyes rule.
 */
public final class Actors {

    public static final String AGENT_PREFIX = "agent:";
    public static final String AGENT = AGENT_PREFIX + "autonoc";
    public static final String SYSTEM = "system";

    public static boolean isAgent(String actor) {
        return actor.startsWith(AGENT_PREFIX);
    }

    /** The person an agent acts for, when its name says one ({@code agent:mcp/olga}: olga). */
    public static Optional<String> personBehind(String actor) {
        if (!isAgent(actor)) {
            return Optional.empty();
        }
        int slash = actor.indexOf('/', AGENT_PREFIX.length());
        return slash < 0 || slash == actor.length() - 1
                ? Optional.empty()
                : Optional.of(actor.substring(slash + 1));
    }

    /** Whether {@code person} proposed the action {@code proposer} names, in person or by agent. */
    public static boolean proposedBy(String proposer, String person) {
        return proposer.equals(person) || personBehind(proposer).filter(person::equals).isPresent();
    }

    private Actors() {}
}
