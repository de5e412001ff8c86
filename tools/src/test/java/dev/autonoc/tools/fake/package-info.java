/**
 * An in-memory operator for tests: a small network with stock, engineers, tickets, activations,
 * messages and bills, idempotent by key like the real edge, and with injectable far-side faults.
 */
package dev.autonoc.tools.fake;
