package dev.autonoc.core.tool;

/** A tool either only reads, or acts on the world; only acting tools pass the policy gate. */
public enum ToolKind {
    READ,
    ACT
}
