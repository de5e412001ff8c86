package dev.autonoc.core.approval;

/** Names of actors in the audit trail; an agent's name starts with {@link #AGENT_PREFIX}. */
public final class Actors {

    public static final String AGENT_PREFIX = "agent:";
    public static final String AGENT = AGENT_PREFIX + "autonoc";
    public static final String SYSTEM = "system";

    public static boolean isAgent(String actor) {
        return actor.startsWith(AGENT_PREFIX);
    }

    private Actors() {}
}
