/**
 * The simulation driver: one thread owns the operator's digital twin and the remediation loop,
 * advances the twin tick by tick at a configurable pace, feeds the loop what the network emits, and
 * lets the loop act after each tick. Everything else reads snapshots through {@link
 * dev.autonoc.service.simulation.Simulation}.
 *
 * <p>{@link dev.autonoc.service.simulation.AdapterWiring} is the one place where the adapters
 * (twin, predictor, policy, audit ledger, planner, tool catalogue) are chosen and built.
 */
package dev.autonoc.service.simulation;
