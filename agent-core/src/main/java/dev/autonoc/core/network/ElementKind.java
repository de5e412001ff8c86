package dev.autonoc.core.network;

/**
 * What an element physically is; it decides which metrics it reports and which faults it can have.
 */
public enum ElementKind {
    ROUTER,
    RADIO,
    LINK
}
