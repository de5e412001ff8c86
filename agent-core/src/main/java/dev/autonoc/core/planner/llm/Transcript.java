package dev.autonoc.core.planner.llm;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chat exchange as plain JSON trees, for recordings: what was asked (every message, the tools
 * offered) and what came back. The request's tree is also its identity: a replay finds the answer
 * by the hash of the request it is sent, so runs that run in parallel replay in any order.
 */
final class Transcript {

    static Map<String, Object> request(String model, ChatRequest request) {
        List<Object> messages = new ArrayList<>();
        for (ChatMessage m : request.messages()) {
            Map<String, Object> out = new LinkedHashMap<>();
            if (m instanceof SystemMessage s) {
                out.put("role", "system");
                out.put("text", s.text());
            } else if (m instanceof UserMessage u) {
                out.put("role", "user");
                out.put("text", u.hasSingleText() ? u.singleText() : String.valueOf(u));
            } else if (m instanceof AiMessage a) {
                out.put("role", "assistant");
                if (a.text() != null) {
                    out.put("text", a.text());
                }
                if (a.hasToolExecutionRequests()) {
                    out.put("tool_calls", calls(a.toolExecutionRequests()));
                }
            } else if (m instanceof ToolExecutionResultMessage r) {
                out.put("role", "tool");
                out.put("id", r.id());
                out.put("name", r.toolName());
                out.put("text", r.text());
            } else {
                out.put("role", m.type().name().toLowerCase(java.util.Locale.ROOT));
                out.put("text", String.valueOf(m));
            }
            messages.add(out);
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("model", model);
        tree.put(
                "tools",
                request.toolSpecifications() == null
                        ? List.of()
                        : request.toolSpecifications().stream()
                                .map(ToolSpecification::name)
                                .toList());
        tree.put("messages", messages);
        return tree;
    }

    static Map<String, Object> response(ChatResponse response) {
        AiMessage a = response.aiMessage();
        Map<String, Object> out = new LinkedHashMap<>();
        if (a.text() != null) {
            out.put("text", a.text());
        }
        out.put(
                "tool_calls",
                a.hasToolExecutionRequests() ? calls(a.toolExecutionRequests()) : List.of());
        out.put(
                "finish_reason",
                response.finishReason() == null ? "STOP" : response.finishReason().name());
        return out;
    }

    /** The response a recording holds, with its token counts. */
    static ChatResponse response(Map<?, ?> tree, String model, long in, long out) {
        List<ToolExecutionRequest> calls = new ArrayList<>();
        if (tree.get("tool_calls") instanceof List<?> list) {
            for (Object o : list) {
                Map<?, ?> c = (Map<?, ?>) o;
                calls.add(
                        ToolExecutionRequest.builder()
                                .id(String.valueOf(c.get("id")))
                                .name(String.valueOf(c.get("name")))
                                .arguments(String.valueOf(c.get("arguments")))
                                .build());
            }
        }
        AiMessage.Builder message = AiMessage.builder().toolExecutionRequests(calls);
        if (tree.get("text") instanceof String text) {
            message.text(text);
        }
        return ChatResponse.builder()
                .aiMessage(message.build())
                .modelName(model)
                .tokenUsage(new TokenUsage((int) in, (int) out))
                .finishReason(FinishReason.valueOf(String.valueOf(tree.get("finish_reason"))))
                .build();
    }

    /** The SHA-256 of a request's tree, in hex: its key in a recording. */
    static String key(Map<String, Object> request) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(Json.write(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static List<Object> calls(List<ToolExecutionRequest> requests) {
        List<Object> out = new ArrayList<>();
        for (ToolExecutionRequest r : requests) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", r.id());
            c.put("name", r.name());
            c.put("arguments", r.arguments());
            out.add(c);
        }
        return out;
    }

    private Transcript() {}
}
