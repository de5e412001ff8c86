package dev.autonoc.core.planner.llm;

import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.plan.PlanningRequest;
import dev.autonoc.core.tool.ToolDescriptor;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolResult;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A planner that asks a language model (docs/llm-planner.md). The model may call the read tools
 * while it thinks and must answer by calling {@code submit_plan}; it never calls an acting tool.
 * The plan it submits is checked ({@link PlanCheck}) and is then only a proposal: every acting step
 * still passes the policy gate in the loop, which the model cannot see past, so nothing the model
 * reads (a ticket note, a customer's message) can widen what the policy allows.
 *
 * <p>Every consultation is written to the ledger ({@code MODEL_CONSULTED}) with its tokens, latency
 * and refused tool calls. Used alone, a model that gives no valid plan fails the planning (the case
 * goes to a person); the hybrid planner falls back to the playbook instead.
 */
public final class LlmPlanner implements Planner {

    public static final String NAME = "llm";
    static final String SUBMIT_PLAN = "submit_plan";

    private final ModelChannel channel;
    private final Map<String, ToolDescriptor> tools;
    private final int maxTurns;
    private final Consumer<AuditEvent> ledger;
    private final PlanCheck check;
    private final Checks checks;
    private final Price price;

    /** How far a submitted plan is checked before it is taken. */
    public enum Checks {
        /**
         * Catalogue tools with arguments their schemas accept: a well-formed plan. What else is
         * wrong the loop's plan check and the gate find; the {@code llm} planner of the evals runs
         * so, to show what a model's plans would do at the gate.
         */
        CATALOGUE,
        /**
         * Also against the world: every element named exists, no call the case learnt not to make,
         * every standing effect kept or undone. The hybrid planner's: a model's plan that fails
         * leaves the playbook's in force instead of reaching the gate.
         */
        WORLD
    }

    /** A planner that checks submitted plans against the world ({@link Checks#WORLD}). */
    public LlmPlanner(
            ModelChannel channel,
            List<ToolDescriptor> tools,
            int maxTurns,
            Consumer<AuditEvent> ledger) {
        this(channel, tools, maxTurns, ledger, Checks.WORLD);
    }

    /** A planner whose model is not priced. */
    public LlmPlanner(
            ModelChannel channel,
            List<ToolDescriptor> tools,
            int maxTurns,
            Consumer<AuditEvent> ledger,
            Checks checks) {
        this(channel, tools, maxTurns, ledger, checks, Price.NONE);
    }

    /**
     * @param tools the catalogue's descriptors: read tools are offered to call, all may be steps
     * @param maxTurns how many answers the model gets before the planner gives up
     * @param ledger where each consultation is recorded (the loop's audit log)
     * @param checks how far a submitted plan is checked before it is taken
     * @param price what the model's tokens cost, recorded with each consultation
     */
    public LlmPlanner(
            ModelChannel channel,
            List<ToolDescriptor> tools,
            int maxTurns,
            Consumer<AuditEvent> ledger,
            Checks checks,
            Price price) {
        this.checks = Objects.requireNonNull(checks, "checks");
        this.price = Objects.requireNonNull(price, "price");
        this.channel = Objects.requireNonNull(channel, "channel");
        Map<String, ToolDescriptor> byName = new LinkedHashMap<>();
        tools.forEach(t -> byName.put(t.name(), t));
        this.tools = Map.copyOf(byName);
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        if (maxTurns < 1) {
            throw new IllegalArgumentException("maxTurns must be >= 1, got " + maxTurns);
        }
        this.maxTurns = maxTurns;
        this.check = new PlanCheck(this.tools);
        this.specs = ToolOffer.specifications(tools);
    }

    private final List<ToolSpecification> specs;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "2/" + channel.model();
    }

    @Override
    public Plan plan(PlanningRequest request) {
        Consultation c = consult(request);
        ledger.accept(
                c.event(
                        request,
                        NAME,
                        "the planner is the model",
                        c.plan().isPresent() ? Consultation.Use.ADOPTED : Consultation.Use.FAILED,
                        Optional.empty()));
        return c.plan()
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "the model gave no usable plan: " + c.failure().get()));
    }

    /**
     * Asks the model for a plan of {@code request}'s case; never throws for what the model does (no
     * answer, nonsense, a plan that fails the check): that is the consultation's failure.
     */
    public Consultation consult(PlanningRequest request) {
        Fence fence =
                new Fence(
                        request.caseId().value()
                                + "/"
                                + request.context().revision()
                                + "/"
                                + request.now());
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(Prompt.SYSTEM));
        messages.add(UserMessage.from(Prompt.describe(request, fence, tools.keySet())));
        Tally tally = new Tally();
        if (request.context().isReplan()) {
            // the words of a refusal quote the act refused: not an ask for it
            Set<String> refused = new TreeSet<>();
            request.context().exclusions().forEach(e -> refused.add(e.tool()));
            tally.steering.read(request.context().reason(), refused);
            request.context()
                    .exclusions()
                    .forEach(e -> tally.steering.read(e.reason(), Set.of(e.tool())));
        }
        for (int turn = 1; turn <= maxTurns; turn++) {
            tally.turns = turn;
            Exchange exchange;
            try {
                exchange =
                        channel.send(
                                ChatRequest.builder()
                                        .messages(messages)
                                        .toolSpecifications(specs)
                                        .build());
            } catch (RuntimeException e) {
                return tally.failed(
                        "the model did not answer: "
                                + e.getClass().getSimpleName()
                                + (e.getMessage() == null ? "" : ": " + Json.clip(e.getMessage())));
            }
            tally.add(exchange);
            AiMessage answer = exchange.response().aiMessage();
            messages.add(answer);
            if (!answer.hasToolExecutionRequests()) {
                tally.problems.add("turn " + turn + ": answered in text, not with " + SUBMIT_PLAN);
                messages.add(UserMessage.from("Answer only by calling " + SUBMIT_PLAN + "."));
                continue;
            }
            for (ToolExecutionRequest call : answer.toolExecutionRequests()) {
                if (SUBMIT_PLAN.equals(call.name())) {
                    List<String> problems;
                    try {
                        Plan plan =
                                SubmittedPlan.parse(
                                        request,
                                        Json.parseObject(call.arguments()),
                                        tools.keySet(),
                                        channel.model(),
                                        version());
                        tally.proposed = plan.steps();
                        problems = check.problems(request, plan, checks == Checks.WORLD);
                        if (problems.isEmpty()) {
                            return tally.planned(plan);
                        }
                    } catch (IllegalArgumentException e) {
                        problems = List.of(e.getMessage());
                    }
                    tally.invalid("plan refused: " + String.join("; ", problems));
                    messages.add(
                            ToolExecutionResultMessage.from(
                                    call,
                                    "plan refused: "
                                            + String.join("; ", problems)
                                            + ". Mend it and call "
                                            + SUBMIT_PLAN
                                            + " again."));
                    continue;
                }
                messages.add(
                        ToolExecutionResultMessage.from(call, read(request, call, fence, tally)));
            }
        }
        return tally.failed(
                "no valid plan in "
                        + maxTurns
                        + " turns"
                        + (tally.problems.isEmpty()
                                ? ""
                                : "; last: " + tally.problems.get(tally.problems.size() - 1)));
    }

    /** What one consultation cost, added up over its turns. */
    private final class Tally {
        int turns;
        long in;
        long out;
        long latency;
        int invalid;
        List<PlanStep> proposed = List.of();
        final List<String> problems = new ArrayList<>();
        final Steering steering = new Steering();

        void add(Exchange e) {
            in += e.inputTokens();
            out += e.outputTokens();
            latency += e.latencyMillis();
        }

        void invalid(String problem) {
            invalid++;
            problems.add(problem);
        }

        Consultation planned(Plan plan) {
            return new Consultation(
                    channel.model(),
                    Optional.of(plan),
                    Optional.empty(),
                    proposed,
                    turns,
                    in,
                    out,
                    latency,
                    invalid,
                    problems,
                    steering.asks(),
                    price);
        }

        Consultation failed(String why) {
            return new Consultation(
                    channel.model(),
                    Optional.empty(),
                    Optional.of(why),
                    proposed,
                    turns,
                    in,
                    out,
                    latency,
                    invalid,
                    problems,
                    steering.asks(),
                    price);
        }
    }

    private String read(
            PlanningRequest request, ToolExecutionRequest call, Fence fence, Tally tally) {
        ToolDescriptor tool = tools.get(call.name());
        if (tool == null) {
            tally.invalid("called an unknown tool '" + call.name() + "'");
            return "error: no tool '" + call.name() + "'";
        }
        if (tool.kind() != ToolKind.READ) {
            tally.invalid("called the acting tool '" + call.name() + "' directly");
            return "error: '"
                    + call.name()
                    + "' acts on the network and cannot be called while planning; propose it as a step of "
                    + SUBMIT_PLAN;
        }
        Map<String, Object> arguments;
        try {
            arguments = Json.parseObject(call.arguments());
        } catch (IllegalArgumentException e) {
            tally.invalid(call.name() + ": " + e.getMessage());
            return "error: " + e.getMessage();
        }
        List<String> wrong = PlanCheck.arguments(tool, arguments);
        if (!wrong.isEmpty()) {
            tally.invalid(call.name() + ": " + String.join("; ", wrong));
            return "error: " + String.join("; ", wrong);
        }
        ToolResult result;
        try {
            result = request.reader().read(call.name(), arguments);
        } catch (IllegalArgumentException e) {
            tally.invalid(call.name() + ": " + e.getMessage());
            return "error: " + e.getMessage();
        }
        Map<String, Object> wrapped = new LinkedHashMap<>();
        wrapped.put("outcome", result.outcome().name());
        wrapped.put("summary", result.summary());
        wrapped.put("data", result.output());
        tally.steering.readAnswer(result.output());
        // the whole answer is outside text (ticket notes, customer messages): fenced as data
        return fence.wrap("tool " + call.name(), Json.write(wrapped));
    }
}
