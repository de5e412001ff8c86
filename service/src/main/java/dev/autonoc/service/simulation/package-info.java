/**
 * The simulation driver: one thread owns the operator's digital twin and the remediation loop,
 * advances the twin tick by tick at a configurable pace, feeds the loop what the network emits, and
 * lets the loop act after each tick. Everything else reads snapshots through {@link
 * dev.autonoc.service.simulation.Simulation}.
 *
 * <p>{@link dev.autonoc.service.simulation.AdapterWiring} builds the embedded mode's adapters (the
 * twin, its predictor and journaled tools, the gate's memory and the cases of its world) over the
 * parts both modes share ({@code dev.autonoc.service.SharedWiring}: ledger, approvals, model,
 * policy); the planner is {@code dev.autonoc.service.planner}'s.
 */
package dev.autonoc.service.simulation;
