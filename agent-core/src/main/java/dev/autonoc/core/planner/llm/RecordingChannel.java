package dev.autonoc.core.planner.llm;

import dev.langchain4j.model.chat.request.ChatRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Passes every exchange to a live channel and writes it to a folder, one file per distinct request
 * ({@code <sha256 of the request>.json}: the request, the response, the model, the latency and the
 * tokens), for {@link ReplayChannel}. A request asked twice (the same case in two runs of a
 * deterministic scenario) is stored once, with its first answer.
 */
public final class RecordingChannel implements ModelChannel {

    private final ModelChannel live;
    private final Path dir;

    public RecordingChannel(ModelChannel live, Path dir) {
        this.live = Objects.requireNonNull(live, "live");
        this.dir = Objects.requireNonNull(dir, "dir");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the recording folder " + dir, e);
        }
    }

    @Override
    public String model() {
        return live.model();
    }

    @Override
    public Exchange send(ChatRequest request) {
        Exchange exchange = live.send(request);
        Map<String, Object> asked = Transcript.request(model(), request);
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("model", model());
        file.put("request", asked);
        file.put("response", Transcript.response(exchange.response()));
        file.put("latency_ms", exchange.latencyMillis());
        file.put("input_tokens", exchange.inputTokens());
        file.put("output_tokens", exchange.outputTokens());
        Path target = dir.resolve(Transcript.key(asked) + ".json");
        try {
            Files.writeString(
                    target,
                    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(file) + "\n",
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            // asked before, by another run: the first answer stands
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the recording " + target, e);
        }
        return exchange;
    }
}
