/**
 * The LLM planner (LangChain4j): the model proposes tool calls from the catalogue's schemas; a plan
 * that names a tool the catalogue lacks is refused, and every step it proposes is gated like the
 * playbook's, so a model is never trusted further than the policy allows.
 */
@NullMarked
package dev.autonoc.core.planner.llm;

import org.jspecify.annotations.NullMarked;
