package dev.autonoc.core.planner.llm;

import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.Objects;

/**
 * One answer of the model and what it cost.
 *
 * @param latencyMillis how long the answer took on the wall clock (a replay gives the recorded
 *     figure, so a replayed ledger is the recorded one)
 * @param inputTokens prompt tokens as the server counted them, 0 when it did not say
 * @param outputTokens completion tokens, likewise
 */
public record Exchange(
        ChatResponse response, long latencyMillis, long inputTokens, long outputTokens) {

    public Exchange {
        Objects.requireNonNull(response, "response");
        if (latencyMillis < 0 || inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("latency and token counts cannot be negative");
        }
    }

    /** The exchange of a response, with the token counts it reports. */
    static Exchange of(ChatResponse response, long latencyMillis) {
        var usage = response.tokenUsage();
        long in = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        long out = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        return new Exchange(response, latencyMillis, in, out);
    }
}
