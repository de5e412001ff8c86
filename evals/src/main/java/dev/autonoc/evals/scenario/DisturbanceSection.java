package dev.autonoc.evals.scenario;

import static dev.autonoc.evals.scenario.CheckedReads.DURATION_FORMS;
import static dev.autonoc.evals.scenario.CheckedReads.optional;

import dev.autonoc.core.prediction.Part;
import dev.autonoc.evals.scenario.Scenario.Workforce;
import dev.autonoc.evals.scenario.YamlNode.Field;
import dev.autonoc.evals.scenario.YamlNode.Mapping;
import dev.autonoc.evals.scenario.YamlNode.Sequence;
import dev.autonoc.simulators.Disturbance;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code disturbances} key: each entry's {@code kind} picks the keys it accepts and the reader
 * of that kind (a heatwave, a supplier's delay, a faulty tool, an engineer off sick, text from
 * outside that the agent must not obey).
 */
final class DisturbanceSection {

    private static final List<String> KINDS =
            java.util.stream.Stream.concat(
                            java.util.stream.Stream.of(
                                    "HEATWAVE",
                                    "SUPPLIER_DELAY",
                                    "TOOL_FAULTS",
                                    "ENGINEER_SICK",
                                    "UNTRUSTED_TEXT"),
                            BadDataSection.KINDS.stream())
                    .toList();

    private final CheckedReads reads;
    private final BadDataSection badData;

    DisturbanceSection(CheckedReads reads) {
        this.reads = reads;
        this.badData = new BadDataSection(reads, this);
    }

    List<Disturbance> disturbances(
            YamlNode node, Workforce workforce, Optional<ElementIndex> elements) {
        return reads.mappings(
                node, "disturbances", (path, d) -> disturbance(d, path, workforce, elements));
    }

    private Optional<? extends Disturbance> disturbance(
            Mapping d, String path, Workforce workforce, Optional<ElementIndex> elements) {
        Optional<String> kind = reads.requiredOneOf(d, path, "kind", "disturbance kind", KINDS);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        if (BadDataSection.KINDS.contains(kind.get())) {
            return badData.read(kind.get(), d, path, elements);
        }
        return switch (kind.get()) {
            case "HEATWAVE" -> heatwave(d, path);
            case "ENGINEER_SICK" -> engineerSick(d, path, workforce);
            case "SUPPLIER_DELAY" -> supplierDelay(d, path);
            case "TOOL_FAULTS" -> toolFaults(d, path);
            case "UNTRUSTED_TEXT" -> untrustedText(d, path);
            default -> throw new IllegalStateException("unreachable: " + kind.get());
        };
    }

    private Optional<Disturbance.Heatwave> heatwave(Mapping d, String path) {
        reads.onlyKeys(d, path, List.of("kind", "region", "window"), "HEATWAVE");
        Optional<String> region =
                reads.requiredOneOf(d, path, "region", "region", ElementIndex.REGIONS);
        Optional<Duration[]> window = windowKey(d, path);
        return region.flatMap(r -> window.map(w -> new Disturbance.Heatwave(r, w[0], w[1])));
    }

    private Optional<Disturbance.SupplierDelay> supplierDelay(Mapping d, String path) {
        reads.onlyKeys(d, path, List.of("kind", "part", "extra", "window"), "SUPPLIER_DELAY");
        Optional<Part> part =
                reads.required(d, path, "part", Part.codes().replace(", ", " | "))
                        .flatMap(f -> reads.part(f.value(), path + ".part"));
        Optional<Duration> extra =
                reads.required(d, path, "extra", "the extra delivery time, " + DURATION_FORMS)
                        .flatMap(f -> reads.duration(f.value(), path + ".extra", false));
        Optional<Disturbance.Window> window =
                optional(d, "window")
                        .flatMap(f -> window(f, path))
                        .map(w -> new Disturbance.Window(w[0], w[1]));
        return part.flatMap(p -> extra.map(e -> new Disturbance.SupplierDelay(p, e, window)));
    }

    private Optional<Disturbance.ToolFaults> toolFaults(Mapping d, String path) {
        reads.onlyKeys(d, path, List.of("kind", "tool", "error_rate"), "TOOL_FAULTS");
        Optional<String> tool =
                reads.required(d, path, "tool", "a tool of the catalogue")
                        .flatMap(f -> reads.tool(f.value(), path + ".tool"));
        OptionalDouble rate =
                reads.required(d, path, "error_rate", "a number from 0 to 1")
                        .map(f -> reads.number(f.value(), path + ".error_rate", 0, 1))
                        .orElse(OptionalDouble.empty());
        return tool.flatMap(
                t ->
                        rate.isPresent()
                                ? Optional.of(new Disturbance.ToolFaults(t, rate.getAsDouble()))
                                : Optional.empty());
    }

    private Optional<Disturbance.UntrustedText> untrustedText(Mapping d, String path) {
        reads.onlyKeys(d, path, List.of("kind", "where", "text"), "UNTRUSTED_TEXT");
        List<String> wheres = List.of("ticket_note", "customer_message", "tool_output");
        Optional<Disturbance.UntrustedText.Where> where =
                reads.requiredOneOf(d, path, "where", "place", wheres)
                        .map(DisturbanceSection::where);
        Optional<String> text =
                reads.required(d, path, "text", "the text from outside")
                        .flatMap(f -> reads.text(f, path + ".text"));
        return where.flatMap(w -> text.map(t -> new Disturbance.UntrustedText(w, t)));
    }

    private static Disturbance.UntrustedText.Where where(String key) {
        return Disturbance.UntrustedText.Where.valueOf(key.toUpperCase(Locale.ROOT));
    }

    /**
     * ENGINEER_SICK: a region's engineers, or one {@code engineer} (its region, if given too, must
     * be the engineer's), in a window, known {@code notice} before it (else from the run's start).
     */
    private Optional<Disturbance.EngineerSick> engineerSick(
            Mapping d, String path, Workforce workforce) {
        reads.onlyKeys(
                d,
                path,
                List.of("kind", "region", "engineer", "window", "notice"),
                "ENGINEER_SICK");
        Optional<String> region =
                optional(d, "region").flatMap(f -> reads.region(f.value(), path + ".region"));
        Optional<Field> engineerField = optional(d, "engineer");
        int perRegion = workforce.engineersPerRegion().orElse(DEFAULT_ENGINEERS_PER_REGION);
        String engineers =
                "eng-<region>-1 .. eng-<region>-"
                        + perRegion
                        + " (eng-north-1; regions "
                        + String.join(", ", ElementIndex.REGIONS)
                        + ")";
        Optional<String> engineer = Optional.empty();
        if (engineerField.isPresent()) {
            String enginePath = path + ".engineer";
            Optional<String> id = reads.text(engineerField.get(), enginePath);
            if (id.isPresent()) {
                Matcher m = ENGINEER_ID.matcher(id.get());
                if (!m.matches() || Integer.parseInt(m.group(2)) > perRegion) {
                    reads.problem(
                            enginePath,
                            engineerField.get().line(),
                            "unknown engineer '"
                                    + id.get()
                                    + "'"
                                    + (m.matches()
                                            ? " (workforce.engineers_per_region is "
                                                    + perRegion
                                                    + ")"
                                            : "")
                                    + "; accepted: "
                                    + engineers);
                } else if (region.isPresent() && !region.get().equals(m.group(1))) {
                    reads.problem(
                            enginePath,
                            engineerField.get().line(),
                            id.get()
                                    + " works in region "
                                    + m.group(1)
                                    + ", not "
                                    + region.get()
                                    + "; accepted: the engineer's own region, or no region");
                } else {
                    engineer = id;
                }
            }
        } else if (!d.fields().containsKey("region")) {
            reads.problem(
                    path + ".region",
                    d.line(),
                    "missing required key; expected a region ("
                            + String.join(" | ", ElementIndex.REGIONS)
                            + ") for all its engineers, or an engineer ("
                            + engineers
                            + ")");
        }
        Optional<Duration[]> window = windowKey(d, path);
        Optional<Duration> notice =
                optional(d, "notice")
                        .flatMap(f -> reads.duration(f.value(), path + ".notice", true));
        if (window.isEmpty()
                || region.isEmpty() && engineer.isEmpty()
                || engineerField.isPresent() && engineer.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new Disturbance.EngineerSick(
                        region, engineer, window.get()[0], window.get()[1], notice));
    }

    /** The workforce's default (OPERATOR.md): two engineers per region. */
    private static final int DEFAULT_ENGINEERS_PER_REGION = 2;

    private static final Pattern ENGINEER_ID =
            Pattern.compile("eng-(north|south|east|west)-([1-9][0-9]*)");

    Optional<Duration[]> windowKey(Mapping d, String path) {
        return reads.required(d, path, "window", "[from, to], two durations from the run's start")
                .flatMap(f -> window(f, path));
    }

    /** A {@code window: [from, to]} field of the mapping at {@code path}. */
    private Optional<Duration[]> window(Field field, String path) {
        Optional<Field> f = Optional.of(field);
        String windowPath = path + ".window";
        if (!(f.get().value() instanceof Sequence seq) || seq.items().size() != 2) {
            reads.problem(
                    windowPath,
                    f.get().line(),
                    "expected [from, to], a list of two durations from the run's start"
                            + " ([P2D, P4D]); got "
                            + describeSize(f.get().value()));
            return Optional.empty();
        }
        Optional<Duration> from = reads.duration(seq.items().get(0), windowPath + "[0]", true);
        Optional<Duration> to = reads.duration(seq.items().get(1), windowPath + "[1]", true);
        if (from.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        if (from.get().compareTo(to.get()) >= 0) {
            reads.problem(
                    windowPath,
                    f.get().line(),
                    "the window ends ("
                            + to.get()
                            + ") before it starts ("
                            + from.get()
                            + "); accepted: from < to");
            return Optional.empty();
        }
        return Optional.of(new Duration[] {from.get(), to.get()});
    }

    private static String describeSize(YamlNode node) {
        return node instanceof Sequence s ? "a list of " + s.items().size() : node.describe();
    }
}
