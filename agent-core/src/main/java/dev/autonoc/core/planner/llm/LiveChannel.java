package dev.autonoc.core.planner.llm;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.Objects;
import java.util.function.LongSupplier;

/** A model reached through a LangChain4j {@link ChatModel}, timed by a handed-in clock. */
public final class LiveChannel implements ModelChannel {

    private final ChatModel model;
    private final String name;
    private final LongSupplier nanos;

    /**
     * @param nanos a monotonic clock in nanoseconds ({@code System::nanoTime} in production), only
     *     to measure how long the model took
     */
    public LiveChannel(ChatModel model, String name, LongSupplier nanos) {
        this.model = Objects.requireNonNull(model, "model");
        this.name = Objects.requireNonNull(name, "name");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
    }

    @Override
    public String model() {
        return name;
    }

    @Override
    public Exchange send(ChatRequest request) {
        long started = nanos.getAsLong();
        var response = model.chat(request);
        return Exchange.of(response, (nanos.getAsLong() - started) / 1_000_000);
    }
}
