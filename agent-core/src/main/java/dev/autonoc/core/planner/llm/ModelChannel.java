package dev.autonoc.core.planner.llm;

import dev.langchain4j.model.chat.request.ChatRequest;

/**
 * How the LLM planner reaches its model: one chat exchange at a time. Live ({@link LiveChannel}),
 * recorded to a folder ({@link RecordingChannel}) or replayed from one ({@link ReplayChannel}), so
 * that a run with a model can be repeated in CI without it.
 */
public interface ModelChannel {

    /** The model's name, as the planner version and the ledger name it. */
    String model();

    /**
     * Sends one request.
     *
     * @throws RuntimeException when the model cannot answer (unreachable, time-out, 429, 5xx): the
     *     planner treats every such failure alike, as "no answer"
     */
    Exchange send(ChatRequest request);
}
