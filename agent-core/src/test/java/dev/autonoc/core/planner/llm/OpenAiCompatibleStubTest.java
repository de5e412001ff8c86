package dev.autonoc.core.planner.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.autonoc.core.plan.Plan;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The LLM planner against a real HTTP server that speaks the OpenAI chat-completions protocol and
 * replays recorded tool-calling responses: the same client a deployment would point at vLLM, Ollama
 * or LM Studio, with no model and no network.
 */
class OpenAiCompatibleStubTest {

    HttpServer server;
    final List<String> requestBodies = new ArrayList<>();
    final AtomicInteger served = new AtomicInteger();

    @BeforeEach
    void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/v1/chat/completions",
                exchange -> {
                    requestBodies.add(
                            new String(
                                    exchange.getRequestBody().readAllBytes(),
                                    StandardCharsets.UTF_8));
                    byte[] body = recorded("fan-wear-" + served.incrementAndGet() + ".json");
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        server.start();
    }

    @AfterEach
    void stopStub() {
        server.stop(0);
    }

    static byte[] recorded(String name) throws IOException {
        try (InputStream in =
                OpenAiCompatibleStubTest.class.getResourceAsStream("/llm/recorded/" + name)) {
            if (in == null) {
                throw new IOException("no recorded response " + name);
            }
            return in.readAllBytes();
        }
    }

    @Test
    void plans_through_an_openai_compatible_server_replaying_recorded_tool_calls() {
        OpenAiChatModel model =
                OpenAiChatModel.builder()
                        .baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/v1")
                        .apiKey("not-needed")
                        .modelName("recorded-planner")
                        .build();
        List<dev.autonoc.core.tool.ToolDescriptor> tools = new ArrayList<>(LlmPlannerTest.TOOLS);
        for (String act : List.of("dispatch_engineer", "reroute_traffic", "restore_traffic")) {
            tools.add(
                    new dev.autonoc.core.tool.ToolDescriptor(
                            act, dev.autonoc.core.tool.ToolKind.ACT, act, "{}", "TMF640"));
        }
        LlmPlannerTest harness = new LlmPlannerTest();

        Plan plan = new LlmPlanner(model, "recorded-planner", tools, 4).plan(harness.request());

        assertThat(served.get()).isEqualTo(2);
        assertThat(harness.reads).containsExactly("check_stock{part=FAN-TRAY, site=site-02}");
        assertThat(plan.steps())
                .extracting(s -> s.call().tool())
                .containsExactly(
                        "open_ticket",
                        "order_part",
                        "dispatch_engineer",
                        "reroute_traffic",
                        "restore_traffic");
        assertThat(plan.steps().get(4).afterCompletionOf()).hasValue(2);
        assertThat(requestBodies.get(0))
                .contains("\"submit_plan\"")
                .contains("\"check_stock\"")
                .doesNotContain("\"name\":\"order_part\"");
        assertThat(requestBodies.get(1))
                .contains("call_1")
                .contains("\\\"outcome\\\":\\\"SUCCEEDED\\\"");
    }
}
