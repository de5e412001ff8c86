/**
 * Which planner the loop has ({@code autonoc.planner}: playbook, llm or hybrid) and, for the two
 * that ask a language model, where the model is ({@code autonoc.llm.*}, any OpenAI-compatible
 * server; docs/llm-planner.md). A model that does not answer stops the start with its reason, not a
 * case later.
 */
package dev.autonoc.service.planner;
