package dev.autonoc.core.policy;

/** A policy's verdict on an action; DENY beats REQUIRE_APPROVAL beats ALLOW. */
public enum Effect {
    ALLOW,
    REQUIRE_APPROVAL,
    DENY;

    /** The stronger of two effects. */
    public Effect strongest(Effect other) {
        return this.ordinal() >= other.ordinal() ? this : other;
    }
}
