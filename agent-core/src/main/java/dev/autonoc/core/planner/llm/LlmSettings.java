package dev.autonoc.core.planner.llm;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Where the LLM planner's model is and how it is asked: any OpenAI-compatible server (OpenAI, Azure
 * OpenAI, vLLM, Ollama at {@code http://localhost:11434/v1}, llama.cpp's server, LM Studio).
 *
 * @param baseUrl the server's API root, ending in {@code /v1} for most servers
 * @param apiKeyEnv the environment variable that holds the API key, if the server wants one: the
 *     key itself is never a setting, so it is never in a file, a log or the ledger
 * @param timeout how long one answer may take before the planner gives up on the model
 * @param seed sent to servers that honour it (OpenAI, vLLM, llama.cpp), for repeatable answers
 * @param maxTurns how many answers the model gets to read tools and submit a plan
 * @param price what its tokens cost, for the ledger and the reports ({@link Price#NONE}: not
 *     priced)
 */
public record LlmSettings(
        URI baseUrl,
        String model,
        Optional<String> apiKeyEnv,
        Duration timeout,
        double temperature,
        int maxTokens,
        OptionalInt seed,
        int maxTurns,
        Price price) {

    /** The keys of a settings file ({@code --llm-config}), as {@code key=value} lines. */
    public static final String KEYS =
            "base-url, model, api-key-env, timeout, temperature, max-tokens, seed, max-turns,"
                    + " price-input, price-output, price-currency";

    public LlmSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(apiKeyEnv, "apiKeyEnv");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(price, "price");
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme();
        if (!scheme.equals("http") && !scheme.equals("https") || baseUrl.getHost() == null) {
            throw new IllegalArgumentException(
                    "base URL must be an http(s) URL such as http://localhost:11434/v1, got "
                            + baseUrl);
        }
        if (model.isBlank()) {
            throw new IllegalArgumentException("name the model (e.g. llama3.1:8b, gpt-4o-mini)");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the time-out must be positive, got " + timeout);
        }
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("temperature must be 0 to 2, got " + temperature);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("max tokens must be at least 1, got " + maxTokens);
        }
        if (maxTurns < 1 || maxTurns > 50) {
            throw new IllegalArgumentException("max turns must be 1 to 50, got " + maxTurns);
        }
    }

    /**
     * A model at {@code baseUrl} with the defaults: 60 s, temperature 0, 2048 tokens, 6 turns, not
     * priced.
     */
    public static LlmSettings of(String baseUrl, String model) {
        return new LlmSettings(
                parseUrl(baseUrl),
                model,
                Optional.empty(),
                Duration.ofSeconds(60),
                0.0,
                2048,
                OptionalInt.empty(),
                6,
                Price.NONE);
    }

    /**
     * Settings from {@code key=value} pairs (a settings file, or the service's properties); keys
     * not given keep {@code base}'s values.
     *
     * @throws IllegalArgumentException naming the key, its value and what is accepted
     */
    public static LlmSettings from(Map<String, String> values, Optional<LlmSettings> base) {
        for (String key : values.keySet()) {
            if (!(", " + KEYS + ",").contains(", " + key + ",")) {
                throw new IllegalArgumentException(
                        "unknown LLM setting '" + key + "'; known: " + KEYS);
            }
        }
        String url = values.get("base-url");
        String model = values.get("model");
        LlmSettings b;
        if (base.isPresent()) {
            b = base.get();
        } else if (url == null || model == null) {
            throw new IllegalArgumentException(
                    "the LLM settings need base-url and model (e.g. base-url=http://localhost:11434/v1, model=llama3.1:8b)");
        } else {
            b = of(url, model);
        }
        try {
            return new LlmSettings(
                    url == null ? b.baseUrl() : parseUrl(url),
                    model == null ? b.model() : model.trim(),
                    values.containsKey("api-key-env")
                            ? Optional.of(values.get("api-key-env").trim())
                                    .filter(s -> !s.isEmpty())
                            : b.apiKeyEnv(),
                    values.containsKey("timeout")
                            ? parseDuration(values.get("timeout"))
                            : b.timeout(),
                    values.containsKey("temperature")
                            ? Double.parseDouble(values.get("temperature").trim())
                            : b.temperature(),
                    values.containsKey("max-tokens")
                            ? Integer.parseInt(values.get("max-tokens").trim())
                            : b.maxTokens(),
                    values.containsKey("seed")
                            ? OptionalInt.of(Integer.parseInt(values.get("seed").trim()))
                            : b.seed(),
                    values.containsKey("max-turns")
                            ? Integer.parseInt(values.get("max-turns").trim())
                            : b.maxTurns(),
                    price(values, b.price()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "an LLM setting is not a number (" + e.getMessage() + ")", e);
        }
    }

    /** The price keys over {@code base}'s price: a key not given keeps its value. */
    private static Price price(Map<String, String> values, Price base) {
        if (!values.containsKey("price-input")
                && !values.containsKey("price-output")
                && !values.containsKey("price-currency")) {
            return base;
        }
        return Price.parse(
                values.getOrDefault("price-input", base.inputPer1k().toPlainString()),
                values.getOrDefault("price-output", base.outputPer1k().toPlainString()),
                values.getOrDefault("price-currency", base.currency()));
    }

    /** The same, from a properties file's content. */
    public static LlmSettings from(Properties properties, Optional<LlmSettings> base) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        properties.stringPropertyNames().stream()
                .sorted()
                .forEach(k -> values.put(k, properties.getProperty(k)));
        return from(values, base);
    }

    /**
     * A duration as {@code 30s}, {@code 2m}, {@code 1500ms} or ISO-8601 ({@code PT30S}).
     *
     * @throws IllegalArgumentException naming the value and the accepted forms
     */
    public static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.parse(text.trim());
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "time-out '" + text + "' is not a duration; use 30s, 2m, 1500ms or PT30S", e);
        }
    }

    private static URI parseUrl(String text) {
        try {
            return URI.create(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "base URL '" + text + "' is not a URL; e.g. http://localhost:11434/v1", e);
        }
    }

    /**
     * The live channel: LangChain4j's OpenAI client with these settings. LangChain4j's own retries
     * are off: a model that does not answer in time is the planner's cue to fall back, not to wait.
     *
     * @param env reads an environment variable (the API key)
     * @throws IllegalArgumentException when the API key's variable is named but not set
     */
    public ModelChannel channel(Function<String, String> env, LongSupplier nanos) {
        String key = "not-needed"; // local servers ignore it; the client wants one
        if (apiKeyEnv.isPresent()) {
            key = env.apply(apiKeyEnv.get());
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException(
                        "the API key's environment variable " + apiKeyEnv.get() + " is not set");
            }
        }
        OpenAiChatModel.OpenAiChatModelBuilder b =
                OpenAiChatModel.builder()
                        .baseUrl(baseUrl.toString())
                        .apiKey(key)
                        .modelName(model)
                        .temperature(temperature)
                        .maxTokens(maxTokens)
                        .timeout(timeout)
                        .maxRetries(0);
        if (seed.isPresent()) {
            b.seed(seed.getAsInt());
        }
        return new LiveChannel(b.build(), model, nanos);
    }

    /**
     * Asks the model for one word, so that a wrong URL, model name or key is an error at start and
     * not a failed case later.
     *
     * @throws IllegalStateException naming the server, the model and what went wrong
     */
    public static void probe(ModelChannel channel, URI where) {
        try {
            channel.send(
                    ChatRequest.builder()
                            .messages(UserMessage.from("Reply with the word OK."))
                            .maxOutputTokens(4)
                            .build());
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "the model "
                            + channel.model()
                            + " at "
                            + where
                            + " does not answer: "
                            + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + Json.clip(e.getMessage())),
                    e);
        }
    }
}
