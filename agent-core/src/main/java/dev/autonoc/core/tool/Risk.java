package dev.autonoc.core.tool;

/** How much could go wrong if the call misbehaves. */
public enum Risk {
    LOW,
    MEDIUM,
    HIGH
}
