/**
 * The deterministic playbook planner: the part replacement (parts from any warehouse, engineers of
 * any region with travel, a harmless time for the work found by what-if reads, traffic moved off
 * before the engineer leaves) and the software restart, each built on the shared {@link
 * dev.autonoc.core.planner.Playbook} reads and steps; the LLM planner is in {@code llm}.
 */
@NullMarked
package dev.autonoc.core.planner;

import org.jspecify.annotations.NullMarked;
