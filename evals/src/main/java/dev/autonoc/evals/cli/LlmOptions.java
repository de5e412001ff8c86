package dev.autonoc.evals.cli;

import dev.autonoc.core.planner.llm.LlmSettings;
import dev.autonoc.core.planner.llm.ModelChannel;
import dev.autonoc.core.planner.llm.Price;
import dev.autonoc.core.planner.llm.RecordingChannel;
import dev.autonoc.core.planner.llm.ReplayChannel;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * The {@code --llm-*} options of {@code autonoc eval}: where the llm and hybrid planners' model is
 * (any OpenAI-compatible server), or a recording to replay instead of it.
 */
final class LlmOptions {

    @Option(
            names = "--llm-base-url",
            paramLabel = "URL",
            description =
                    "An OpenAI-compatible server for the llm and hybrid planners, e.g. http://localhost:11434/v1 (Ollama), http://localhost:8000/v1 (vLLM), https://api.openai.com/v1.")
    Optional<String> baseUrl;

    @Option(
            names = "--llm-model",
            paramLabel = "NAME",
            description = "The model, e.g. llama3.1:8b.")
    Optional<String> model;

    @Option(
            names = "--llm-api-key-env",
            paramLabel = "VAR",
            description =
                    "The environment variable that holds the API key (the key itself is never an option, so never in a shell history or the ledger).")
    Optional<String> apiKeyEnv;

    @Option(
            names = "--llm-timeout",
            paramLabel = "DURATION",
            description = "How long one answer may take: 30s, 2m, PT45S (default 60s).")
    Optional<String> timeout;

    @Option(names = "--llm-temperature", paramLabel = "T", description = "0 to 2 (default 0).")
    Optional<String> temperature;

    @Option(
            names = "--llm-max-tokens",
            paramLabel = "N",
            description = "Most tokens per answer (default 2048).")
    Optional<String> maxTokens;

    @Option(
            names = "--llm-seed",
            paramLabel = "N",
            description = "Sent to servers that honour it, for repeatable answers.")
    Optional<String> seed;

    @Option(
            names = "--llm-max-turns",
            paramLabel = "N",
            description = "Answers the model gets per plan, to read tools and submit (default 6).")
    Optional<String> maxTurns;

    @Option(
            names = "--llm-price-input",
            paramLabel = "PRICE",
            description =
                    "What 1,000 input (prompt) tokens cost, as your provider's price list says, e.g. 0.15; with --llm-price-output, the reports and the ledger give each consultation's cost (default 0: not priced).")
    Optional<String> priceInput;

    @Option(
            names = "--llm-price-output",
            paramLabel = "PRICE",
            description = "What 1,000 output (completion) tokens cost (default 0: not priced).")
    Optional<String> priceOutput;

    @Option(
            names = "--llm-price-currency",
            paramLabel = "CODE",
            description = "The prices' currency, three letters (default USD).")
    Optional<String> priceCurrency;

    @Option(
            names = "--llm-config",
            paramLabel = "FILE",
            description =
                    "The same settings as key=value lines ("
                            + LlmSettings.KEYS
                            + "); options given beside it win.")
    Optional<Path> config;

    @Option(
            names = "--llm-record",
            paramLabel = "DIR",
            description =
                    "Store every exchange with the model (request, response, model, latency, tokens) in DIR, for --llm-replay.")
    Optional<Path> record;

    @Option(
            names = "--llm-replay",
            paramLabel = "DIR",
            description =
                    "Answer from a recording instead of a model (no server needed); a request the recording lacks fails the eval.")
    Optional<Path> replay;

    /** Whether any of the options was given. */
    boolean given() {
        return baseUrl.isPresent()
                || model.isPresent()
                || config.isPresent()
                || replay.isPresent()
                || record.isPresent();
    }

    /** A language model, its turns and what its tokens cost. */
    record Chosen(
            ModelChannel channel, int maxTurns, Price price, Optional<ReplayChannel> replay) {}

    /**
     * The model the options name: a replayed recording, or a live server (probed, so that a wrong
     * URL, model or key is an error now), recorded if asked.
     *
     * @throws IllegalArgumentException for options that do not go together or a bad value, named
     * @throws IllegalStateException when the server does not answer
     */
    Chosen choose() {
        LlmSettings settings = settings();
        if (replay.isPresent()) {
            if (baseUrl.isPresent() || record.isPresent()) {
                throw new IllegalArgumentException(
                        "--llm-replay answers from a recording: drop --llm-base-url and --llm-record");
            }
            ReplayChannel channel = ReplayChannel.load(replay.get());
            return new Chosen(channel, settings.maxTurns(), settings.price(), Optional.of(channel));
        }
        ModelChannel live = settings.channel(System::getenv, System::nanoTime);
        LlmSettings.probe(live, settings.baseUrl());
        ModelChannel channel = record.isPresent() ? new RecordingChannel(live, record.get()) : live;
        return new Chosen(channel, settings.maxTurns(), settings.price(), Optional.empty());
    }

    private LlmSettings settings() {
        Map<String, String> values = new LinkedHashMap<>();
        if (config.isPresent()) {
            Properties file = new Properties();
            try (Reader in = Files.newBufferedReader(config.get())) {
                file.load(in);
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "--llm-config " + config.get() + " cannot be read: " + e.getMessage(), e);
            }
            file.stringPropertyNames().stream()
                    .sorted()
                    .forEach(k -> values.put(k, file.getProperty(k)));
        }
        baseUrl.ifPresent(v -> values.put("base-url", v));
        model.ifPresent(v -> values.put("model", v));
        apiKeyEnv.ifPresent(v -> values.put("api-key-env", v));
        timeout.ifPresent(v -> values.put("timeout", v));
        temperature.ifPresent(v -> values.put("temperature", v));
        maxTokens.ifPresent(v -> values.put("max-tokens", v));
        seed.ifPresent(v -> values.put("seed", v));
        maxTurns.ifPresent(v -> values.put("max-turns", v));
        priceInput.ifPresent(v -> values.put("price-input", v));
        priceOutput.ifPresent(v -> values.put("price-output", v));
        priceCurrency.ifPresent(v -> values.put("price-currency", v));
        if (replay.isPresent()) {
            // a replay needs no server: only the turns matter
            values.putIfAbsent("base-url", "http://replay.invalid/v1");
            values.putIfAbsent("model", "replay");
        } else if (!values.containsKey("base-url") || !values.containsKey("model")) {
            throw new IllegalArgumentException(
                    "name the model's server and model: --llm-base-url URL --llm-model NAME (or --llm-config FILE, or --llm-replay DIR)");
        }
        return LlmSettings.from(values, Optional.empty());
    }
}
