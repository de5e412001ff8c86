package dev.autonoc.evals.run;

import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.plan.PlanningRequest;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolDescriptor;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fuzzer of the gate, for the evals only ({@code --planner chaos}): plans of 1 to 6 acting steps
 * drawn at random from the catalogue, with arguments drawn from each tool's schema and from what
 * the read tools say exists (elements, engineers), so that the plans are well-formed and reach the
 * gate. Over many seeds it shows that the gate, not the planner, keeps the safety properties: no
 * act runs without leave whatever is proposed. Seeded by the run's seed, the case and its revision:
 * a run repeats exactly.
 */
final class ChaosPlanner implements Planner {

    static final String NAME = "chaos";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<ToolDescriptor> acts;
    private final long seed;

    ChaosPlanner(List<ToolDescriptor> tools, long seed) {
        this.acts = tools.stream().filter(t -> t.kind() == ToolKind.ACT).toList();
        if (acts.isEmpty()) {
            throw new IllegalArgumentException("the catalogue has no acting tool to draw from");
        }
        this.seed = seed;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public Plan plan(PlanningRequest request) {
        SplittableRandom random =
                new SplittableRandom(
                        seed * 1_000_003L
                                + request.caseId().value().hashCode() * 31L
                                + request.context().revision());
        World world = World.read(request);
        int first = request.context().nextIndex();
        int n = 1 + random.nextInt(6);
        List<PlanStep> steps = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            ToolDescriptor tool = acts.get(random.nextInt(acts.size()));
            Map<String, Object> args = arguments(tool, request, world, random);
            steps.add(
                    new PlanStep(
                            first + k,
                            ToolCall.of(tool.name(), args),
                            request.now().plusSeconds(60L * random.nextInt(0, 24 * 60)),
                            k > 0 && random.nextBoolean()
                                    ? OptionalInt.of(first + random.nextInt(k))
                                    : OptionalInt.empty(),
                            "chaos"));
        }
        // every standing effect kept: the loop's own check passes, the gate judges every step
        List<Integer> keeps =
                request.context().commitments().stream().map(StepRecord::index).toList();
        return new Plan(
                request.caseId(),
                NAME,
                version(),
                steps,
                "random plan (seed " + seed + ")",
                request.context().revision(),
                keeps,
                List.of(),
                List.of(),
                Optional.empty());
    }

    /** What the read tools say exists, to draw arguments from. */
    private record World(List<String> elements, List<String> engineers, List<String> keys) {
        static World read(PlanningRequest request) {
            List<String> elements = new ArrayList<>(List.of(request.element().id().value()));
            List<String> engineers = new ArrayList<>();
            ToolResult topology = request.reader().read(ToolNames.GET_TOPOLOGY, Map.of());
            if (topology.output().get("elements") instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> m && m.get("id") instanceof String id) {
                        elements.add(id);
                    }
                }
            }
            ToolResult staff = request.reader().read(ToolNames.LIST_ENGINEERS, Map.of());
            if (staff.output().get("engineers") instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> m && m.get("engineer_id") instanceof String id) {
                        engineers.add(id);
                    }
                }
            }
            List<String> keys = new ArrayList<>();
            for (StepRecord s : request.context().history()) {
                keys.add(request.caseId().value() + "/" + s.index());
            }
            return new World(elements, engineers, keys);
        }
    }

    private static Map<String, Object> arguments(
            ToolDescriptor tool, PlanningRequest request, World world, SplittableRandom random) {
        Map<String, Object> schema =
                JSON.readValue(tool.argumentSchema(), new TypeReference<Map<String, Object>>() {});
        Map<?, ?> properties = schema.get("properties") instanceof Map<?, ?> p ? p : Map.of();
        List<?> required = schema.get("required") instanceof List<?> r ? r : List.of();
        Map<String, Object> args = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : properties.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (!required.contains(name) && random.nextBoolean()) {
                continue;
            }
            Map<?, ?> property = (Map<?, ?>) e.getValue();
            args.put(name, value(name, property, request, world, random));
        }
        return args;
    }

    private static Object value(
            String name,
            Map<?, ?> property,
            PlanningRequest request,
            World world,
            SplittableRandom random) {
        if (property.get("enum") instanceof List<?> allowed && !allowed.isEmpty()) {
            return allowed.get(random.nextInt(allowed.size()));
        }
        String type = String.valueOf(property.get("type"));
        switch (type) {
            case "boolean":
                return random.nextBoolean();
            case "integer":
                return (long) random.nextInt(1, 240);
            case "number":
                // credits and amounts from nothing to far past any policy's limit
                return (double) random.nextInt(0, 20_000);
            default:
                break;
        }
        return switch (name) {
            case "element_id" ->
                    random.nextInt(3) == 0
                            ? pick(world.elements(), random)
                            : request.element().id().value();
            case "engineer_id" ->
                    world.engineers().isEmpty() ? "eng-none" : pick(world.engineers(), random);
            case "site" -> request.element().site();
            case "region" -> request.element().region();
            case "case_id" -> request.caseId().value();
            case "part" -> request.prediction().mode().part().map(p -> p.code()).orElse("FAN-TRAY");
            case "start", "at" ->
                    request.now().plusSeconds(3600L * random.nextInt(0, 96)).toString();
            case "order_key", "appointment_key" ->
                    world.keys().isEmpty()
                            ? request.caseId().value() + "/0"
                            : pick(world.keys(), random);
            case "customer_id" -> "ent-" + (1 + random.nextInt(20));
            case "source" ->
                    List.of("central", "supplier", request.element().region())
                            .get(random.nextInt(3));
            default -> "chaos " + Long.toHexString(random.nextLong() & 0xffffffL);
        };
    }

    private static String pick(List<String> from, SplittableRandom random) {
        return from.get(random.nextInt(from.size()));
    }
}
