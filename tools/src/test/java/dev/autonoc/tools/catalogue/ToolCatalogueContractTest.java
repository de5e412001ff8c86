package dev.autonoc.tools.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.InvalidArgumentsException;
import dev.autonoc.core.tool.Tool;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.tools.oss.OssBss;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every OSS/BSS must give the standard tool catalogue: the tools' documented outputs and facts
 * (docs/tools.md), and one effect per idempotency key. It learns the operator through the read
 * tools and assumes only the reference operator's names and rules (OPERATOR.md), so the digital
 * twin runs it as it is: extend it, and hand back a fresh operator per test.
 */
public abstract class ToolCatalogueContractTest {

    /**
     * An operator's OSS/BSS with the clock it runs on, and, where the operator's time can be moved
     * on by a test, how (deliveries arrive, engineers leave); without it the tests that need time
     * to pass are skipped.
     */
    public record Operator(OssBss oss, Clock clock, Optional<Consumer<Duration>> advance) {
        public Operator {
            Objects.requireNonNull(oss, "oss");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(advance, "advance");
        }

        public Operator(OssBss oss, Clock clock) {
            this(oss, clock, Optional.empty());
        }

        public Operator(OssBss oss, Clock clock, Consumer<Duration> advance) {
            this(oss, clock, Optional.of(advance));
        }
    }

    /** A fresh operator for each test, with no tickets, orders or bookings yet. */
    protected abstract Operator newOperator();

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger KEYS = new AtomicInteger();

    protected ToolCatalogue catalogue;
    protected Clock clock;
    private Optional<Consumer<Duration>> advance;

    @BeforeEach
    void buildCatalogue() {
        Operator operator = newOperator();
        clock = operator.clock();
        advance = operator.advance();
        catalogue = ToolCatalogues.standard(operator.oss(), clock);
    }

    /** Moves the operator's time on; skips the test where the operator cannot. */
    protected void advance(Duration by) {
        assumeThat(advance).as("an operator whose time a test can move on").isPresent();
        advance.get().accept(by);
    }

    // --- the catalogue itself -------------------------------------------------------------

    @Test
    void offers_every_tool_of_the_catalogue_with_its_kind_and_tmf_api() {
        assertThat(catalogue.tools())
                .extracting(Tool::name)
                .containsExactlyElementsOf(ToolNames.ALL);
        for (Tool tool : catalogue.tools()) {
            ToolKind expected = ToolNames.READ.contains(tool.name()) ? ToolKind.READ : ToolKind.ACT;
            assertThat(tool.descriptor().kind()).as(tool.name()).isEqualTo(expected);
            assertThat(tool.descriptor().tmfApi()).as(tool.name()).matches("TMF\\d{3}");
            assertThat(tool.descriptor().description()).as(tool.name()).isNotBlank();
        }
    }

    @Test
    void every_argument_schema_is_a_closed_json_object_schema() {
        for (Tool tool : catalogue.tools()) {
            JsonNode schema = JSON.readTree(tool.descriptor().argumentSchema());
            assertThat(schema.get("type").asString()).as(tool.name()).isEqualTo("object");
            assertThat(schema.get("additionalProperties").asBoolean()).as(tool.name()).isFalse();
            assertThat(schema.get("properties").isObject()).as(tool.name()).isTrue();
        }
    }

    @Test
    void every_tool_refuses_an_argument_it_does_not_know_naming_it() {
        for (Tool tool : catalogue.tools()) {
            Map<String, Object> args = Map.of("bogus_argument", "x");
            assertThatThrownBy(() -> tool.estimate(args))
                    .as(tool.name())
                    .isInstanceOf(InvalidArgumentsException.class)
                    .hasMessageContaining("bogus_argument");
            assertThatThrownBy(() -> execute(tool.name(), args, newKey()))
                    .as(tool.name())
                    .isInstanceOf(InvalidArgumentsException.class);
        }
    }

    @Test
    void every_tool_with_required_arguments_refuses_a_call_without_them() {
        for (Tool tool : catalogue.tools()) {
            if (JSON.readTree(tool.descriptor().argumentSchema()).get("required").isEmpty()) {
                continue; // get_topology; list_engineers; get_order's one-of is tested apart
            }
            assertThatThrownBy(() -> tool.estimate(Map.of()))
                    .as(tool.name())
                    .isInstanceOf(InvalidArgumentsException.class)
                    .hasMessageContaining("missing argument");
        }
    }

    // --- reads ----------------------------------------------------------------------------

    @Test
    void get_topology_lists_elements_and_links_between_known_routers() {
        Map<String, Object> topology = read(ToolNames.GET_TOPOLOGY, Map.of());
        List<Map<String, Object>> elements = list(topology.get("elements"));
        assertThat(elements).isNotEmpty();
        for (Map<String, Object> e : elements) {
            assertThat(e).containsKeys("id", "kind", "role", "region", "site", "status");
            assertThat(e.get("kind")).isIn("ROUTER", "RADIO", "LINK");
            assertThat(e.get("status")).isIn("UP", "DOWN", "UNDER_WORK", "DRAINED");
        }
        List<Object> ids = elements.stream().map(e -> e.get("id")).toList();
        List<Map<String, Object>> links = list(topology.get("links"));
        assertThat(links).isNotEmpty();
        for (Map<String, Object> link : links) {
            assertThat(ids).contains(link.get("id"), link.get("a"), link.get("b"));
            assertThat((Double) link.get("capacity_gbps")).isPositive();
        }
    }

    @Test
    void get_element_answers_each_kind_with_its_status_path_and_traffic() {
        for (String kind : List.of("ROUTER", "RADIO", "LINK")) {
            Map<String, Object> listed = firstElement(kind, Optional.empty());
            Map<String, Object> element =
                    read(ToolNames.GET_ELEMENT, Map.of("element_id", listed.get("id")));
            assertThat(element)
                    .containsEntry("id", listed.get("id"))
                    .containsEntry("kind", kind)
                    .containsEntry("region", listed.get("region"))
                    .containsEntry("site", listed.get("site"))
                    .containsKeys("role", "status", "has_alternate_path", "traffic_gbps");
            assertThat(element.get("has_alternate_path")).isInstanceOf(Boolean.class);
            assertThat((Double) element.get("traffic_gbps")).isGreaterThanOrEqualTo(0.0);
        }
    }

    @Test
    void get_element_of_an_element_nobody_knows_fails_without_throwing() {
        ToolResult result =
                execute(ToolNames.GET_ELEMENT, Map.of("element_id", "no-such-rtr-99"), newKey());
        assertThat(result.outcome()).isEqualTo(ToolResult.Outcome.INVALID);
        assertThat(result.summary()).contains("no-such-rtr-99");
    }

    @Test
    void preview_outage_of_an_element_nobody_knows_fails_naming_it() {
        ToolResult result =
                execute(
                        ToolNames.PREVIEW_OUTAGE,
                        Map.of("element_id", "no-such-rtr-99", "duration_minutes", 60),
                        newKey());
        assertThat(result.outcome()).as(result.summary()).isEqualTo(ToolResult.Outcome.INVALID);
        assertThat(result.summary()).contains("no-such-rtr-99");
    }

    @Test
    void get_telemetry_gives_at_most_the_samples_asked_for_oldest_first() {
        Object id = firstElement("ROUTER", Optional.of("core")).get("id");
        Map<String, Object> telemetry =
                read(ToolNames.GET_TELEMETRY, Map.of("element_id", id, "samples", 3));
        assertThat(telemetry).containsEntry("element_id", id);
        List<Map<String, Object>> samples = list(telemetry.get("samples"));
        assertThat(samples).hasSizeLessThanOrEqualTo(3);
        List<Instant> times =
                samples.stream().map(s -> Instant.parse((String) s.get("at"))).toList();
        assertThat(times).isSorted();
        assertThatThrownBy(
                        () ->
                                catalogue
                                        .require(ToolNames.GET_TELEMETRY)
                                        .estimate(Map.of("element_id", id, "samples", 289)))
                .isInstanceOf(InvalidArgumentsException.class)
                .hasMessageContaining("samples");
    }

    @Test
    void get_affected_customers_counts_consumers_and_enterprise_slices() {
        Map<String, Object> cell = firstElement("RADIO", Optional.empty());
        Map<String, Object> affected =
                read(ToolNames.GET_AFFECTED_CUSTOMERS, Map.of("element_id", cell.get("id")));
        assertThat(affected)
                .containsEntry("element_id", cell.get("id"))
                .containsKeys("has_alternate_path", "consumers", "enterprise_slices");
        assertThat((Long) affected.get("consumers")).isPositive();
        for (Map<String, Object> slice : list(affected.get("enterprise_slices"))) {
            assertThat(slice).containsKeys("slice_id", "customer_id", "monthly_fee_gbp");
        }
    }

    @Test
    void check_stock_lists_the_region_warehouse_then_central_then_the_supplier() {
        Map<String, Object> core = firstElement("ROUTER", Optional.of("core"));
        Map<String, Object> stock =
                read(ToolNames.CHECK_STOCK, Map.of("part", "FAN-TRAY", "site", core.get("site")));
        assertThat(stock).containsEntry("part", "FAN-TRAY");
        assertThat((Double) stock.get("price_gbp")).isPositive();
        List<Map<String, Object>> options = list(stock.get("options"));
        assertThat(options)
                .extracting(o -> o.get("source"))
                .containsExactly(core.get("region"), "central", "supplier");
        for (Map<String, Object> o : options) {
            assertThat(o)
                    .containsKeys(
                            "available",
                            "lead_time_minutes",
                            "expedited_lead_time_minutes",
                            "expedite_surcharge_pct");
            assertThat((Long) o.get("expedited_lead_time_minutes"))
                    .isLessThanOrEqualTo((Long) o.get("lead_time_minutes"));
        }
    }

    @Test
    void list_engineers_with_a_site_gives_each_engineer_a_travel_time() {
        Map<String, Object> core = firstElement("ROUTER", Optional.of("core"));
        List<Map<String, Object>> engineers =
                engineers((String) core.get("region"), (String) core.get("site"));
        assertThat(engineers).isNotEmpty();
        for (Map<String, Object> e : engineers) {
            assertThat(e)
                    .containsEntry("region", core.get("region"))
                    .containsKeys(
                            "engineer_id",
                            "skills",
                            "shift_days",
                            "shift_start",
                            "shift_end",
                            "travel_minutes",
                            "booked",
                            "unavailable");
            assertThat((String) e.get("shift_start")).matches("\\d\\d:\\d\\d");
        }
    }

    // --- tickets --------------------------------------------------------------------------

    @Test
    void a_ticket_opens_once_per_key_takes_notes_and_closes() {
        Map<String, Object> core = firstElement("ROUTER", Optional.of("core"));
        String caseId = "case-" + newKey().value().replace('/', '-');
        Map<String, Object> open =
                Map.of(
                        "case_id",
                        caseId,
                        "element_id",
                        core.get("id"),
                        "summary",
                        "fan wearing out",
                        "severity",
                        "major");
        Estimate estimate = catalogue.require(ToolNames.OPEN_TICKET).estimate(open);
        assertThat(estimate.costGbp()).isZero();
        assertThat(estimate.facts())
                .containsEntry("element_id", core.get("id"))
                .containsEntry("region", core.get("region"));

        IdempotencyKey key = newKey();
        ToolResult first = execute(ToolNames.OPEN_TICKET, open, key);
        ToolResult again = execute(ToolNames.OPEN_TICKET, open, key);
        assertThat(first.outcome()).isEqualTo(ToolResult.Outcome.SUCCEEDED);
        assertThat(first.output()).containsEntry("case_id", caseId).containsKey("ticket_id");
        assertThat(again).isEqualTo(first);

        ToolResult noted =
                execute(
                        ToolNames.UPDATE_TICKET,
                        Map.of("case_id", caseId, "note", "ordered"),
                        newKey());
        assertThat(noted.output()).containsEntry("ticket_id", first.output().get("ticket_id"));

        ToolResult closed =
                execute(
                        ToolNames.CLOSE_TICKET,
                        Map.of("case_id", caseId, "resolution", "fan tray replaced"),
                        newKey());
        assertThat(closed.output())
                .containsEntry("ticket_id", first.output().get("ticket_id"))
                .containsEntry("status", "closed");
    }

    @Test
    void updating_the_ticket_of_a_case_without_one_fails() {
        ToolResult result =
                execute(
                        ToolNames.UPDATE_TICKET,
                        Map.of("case_id", "case-without-ticket", "note", "hello"),
                        newKey());
        assertThat(result.outcome()).isEqualTo(ToolResult.Outcome.INVALID);
    }

    // --- parts ----------------------------------------------------------------------------

    @Test
    void ordering_a_part_estimates_its_price_and_lead_time_and_reserves_one_unit_per_key() {
        Map<String, Object> core = firstElement("ROUTER", Optional.of("core"));
        Map<String, Object> before = centralOption("FAN-TRAY", core);
        assumeThat((Long) before.get("available")).isPositive();
        double price = price("FAN-TRAY", core);
        Map<String, Object> order =
                Map.of(
                        "part",
                        "FAN-TRAY",
                        "source",
                        "central",
                        "site",
                        core.get("site"),
                        "element_id",
                        core.get("id"));

        Estimate estimate = catalogue.require(ToolNames.ORDER_PART).estimate(order);
        assertThat(estimate.costGbp()).isEqualTo(price);
        assertThat(estimate.facts())
                .containsEntry("part", "FAN-TRAY")
                .containsEntry("source", "central")
                .containsEntry(
                        "lead_time_minutes", ((Long) before.get("lead_time_minutes")).doubleValue())
                .containsEntry("element_id", core.get("id"))
                .containsEntry("region", core.get("region"));

        IdempotencyKey key = newKey();
        ToolResult first = execute(ToolNames.ORDER_PART, order, key);
        ToolResult again = execute(ToolNames.ORDER_PART, order, key);

        assertThat(first.outcome()).isEqualTo(ToolResult.Outcome.SUCCEEDED);
        assertThat(first.output()).containsKeys("order_id", "delivery_at", "cost_gbp");
        assertThat(first.completesAt())
                .contains(Instant.parse((String) first.output().get("delivery_at")));
        assertThat(first.costGbp()).isEqualTo(price);
        assertThat(again).isEqualTo(first);
        assertThat((Long) centralOption("FAN-TRAY", core).get("available"))
                .isEqualTo((Long) before.get("available") - 1);
    }

    @Test
    void an_expedited_order_is_estimated_at_the_surcharge_and_the_expedited_lead_time() {
        Map<String, Object> core = firstElement("ROUTER", Optional.of("core"));
        Map<String, Object> central = centralOption("PSU", core);
        double price = price("PSU", core);
        Estimate estimate =
                catalogue
                        .require(ToolNames.ORDER_PART)
                        .estimate(
                                Map.of(
                                        "part",
                                        "PSU",
                                        "source",
                                        "central",
                                        "site",
                                        core.get("site"),
                                        "element_id",
                                        core.get("id"),
                                        "expedite",
                                        true));
        double surcharge = (Double) central.get("expedite_surcharge_pct");
        assertThat(estimate.costGbp())
                .isCloseTo(
                        price * (1 + surcharge / 100), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(estimate.facts())
                .containsEntry(
                        "lead_time_minutes",
                        ((Long) central.get("expedited_lead_time_minutes")).doubleValue());
    }

    @Test
    void ordering_from_a_source_that_does_not_serve_the_site_is_a_bad_argument() {
        Map<String, Object> core = firstElement("ROUTER", Optional.of("core"));
        assertThatThrownBy(
                        () ->
                                catalogue
                                        .require(ToolNames.ORDER_PART)
                                        .estimate(
                                                Map.of(
                                                        "part",
                                                        "PSU",
                                                        "source",
                                                        "atlantis",
                                                        "site",
                                                        core.get("site"),
                                                        "element_id",
                                                        core.get("id"))))
                .isInstanceOf(InvalidArgumentsException.class)
                .hasMessageContaining("source")
                .hasMessageContaining("central");
    }

    // --- engineers ------------------------------------------------------------------------

    @Test
    void dispatching_in_shift_costs_the_in_shift_call_out_and_books_once_per_key() {
        Map<String, Object> core = firstElement("ROUTER", Optional.of("core"));
        Map<String, Object> engineer = skilledEngineer(core, "router");
        Instant start = nextWeekdayAt(10, engineer);
        Map<String, Object> dispatch =
                Map.of(
                        "engineer_id", engineer.get("engineer_id"),
                        "element_id", core.get("id"),
                        "site", core.get("site"),
                        "start", start.toString(),
                        "task", "replace fan tray",
                        "part", "FAN-TRAY");

        Estimate estimate = catalogue.require(ToolNames.DISPATCH_ENGINEER).estimate(dispatch);
        assertThat(estimate.costGbp()).isEqualTo(300.0);
        assertThat(estimate.facts())
                .containsEntry("in_shift", true)
                .containsEntry("engineer_has_skill", true)
                .containsEntry("engineer_id", engineer.get("engineer_id"))
                .containsEntry("element_id", core.get("id"))
                .containsEntry("region", core.get("region"));
        assertOutageFacts(
                estimate,
                read(
                        ToolNames.PREVIEW_OUTAGE,
                        Map.of("element_id", core.get("id"), "at", start.toString())));

        IdempotencyKey key = newKey();
        ToolResult first = execute(ToolNames.DISPATCH_ENGINEER, dispatch, key);
        ToolResult again = execute(ToolNames.DISPATCH_ENGINEER, dispatch, key);
        assertThat(first.outcome()).as(first.summary()).isEqualTo(ToolResult.Outcome.SUCCEEDED);
        assertThat(first.output())
                .containsEntry("engineer_id", engineer.get("engineer_id"))
                .containsEntry("start", start.toString())
                .containsEntry("end", start.plus(Duration.ofHours(1)).toString())
                .containsKey("appointment_id");
        assertThat(first.completesAt()).contains(start.plus(Duration.ofHours(1)));
        assertThat(first.costGbp()).isEqualTo(300.0);
        assertThat(again).isEqualTo(first);

        Map<String, Object> after =
                engineers((String) core.get("region"), (String) core.get("site")).stream()
                        .filter(e -> e.get("engineer_id").equals(engineer.get("engineer_id")))
                        .findFirst()
                        .orElseThrow();
        assertThat(list(after.get("booked")))
                .filteredOn(b -> b.get("from").equals(start.toString()))
                .hasSize(1);
    }

    @Test
    void dispatching_at_the_weekend_is_out_of_shift_at_the_overtime_call_out() {
        Map<String, Object> core = firstElement("ROUTER", Optional.of("core"));
        Map<String, Object> engineer = skilledEngineer(core, "router");
        Instant saturday =
                ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)
                        .truncatedTo(ChronoUnit.DAYS)
                        .plusDays(1)
                        .with(java.time.temporal.TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY))
                        .withHour(10)
                        .toInstant();
        Estimate estimate =
                catalogue
                        .require(ToolNames.DISPATCH_ENGINEER)
                        .estimate(
                                Map.of(
                                        "engineer_id", engineer.get("engineer_id"),
                                        "element_id", core.get("id"),
                                        "site", core.get("site"),
                                        "start", saturday.toString(),
                                        "task", "replace fan tray"));
        assertThat(estimate.costGbp()).isEqualTo(600.0);
        assertThat(estimate.facts()).containsEntry("in_shift", false);
    }

    // --- traffic --------------------------------------------------------------------------

    @Test
    void rerouting_a_core_router_drains_it_and_restoring_brings_it_back() {
        Map<String, Object> core = firstElement("ROUTER", Optional.of("core"));
        Object id = core.get("id");
        Estimate estimate =
                catalogue.require(ToolNames.REROUTE_TRAFFIC).estimate(Map.of("element_id", id));
        assertThat(estimate.costGbp()).isZero();
        assertThat(estimate.facts())
                .containsKeys(
                        "max_utilization_after",
                        "slices_breached",
                        "sites_isolated",
                        "has_alternate_path")
                .containsEntry("element_id", id)
                .containsEntry("region", core.get("region"));
        assertThat(estimate.facts().get("max_utilization_after")).isInstanceOf(Double.class);
        assertThat(estimate.facts().get("slices_breached")).isInstanceOf(Double.class);
        assertThat(estimate.facts().get("sites_isolated")).isInstanceOf(Double.class);

        IdempotencyKey key = newKey();
        ToolResult rerouted = execute(ToolNames.REROUTE_TRAFFIC, Map.of("element_id", id), key);
        assertThat(rerouted.outcome())
                .as(rerouted.summary())
                .isEqualTo(ToolResult.Outcome.SUCCEEDED);
        assertThat(rerouted.output()).containsKeys("moved_gbps", "max_utilization");
        assertThat(execute(ToolNames.REROUTE_TRAFFIC, Map.of("element_id", id), key))
                .isEqualTo(rerouted);
        assertThat(read(ToolNames.GET_ELEMENT, Map.of("element_id", id)))
                .containsEntry("status", "DRAINED");
        assertThat(
                        catalogue
                                .require(ToolNames.RESTART_ELEMENT)
                                .estimate(Map.of("element_id", id))
                                .facts())
                .containsEntry("traffic_moved", true);

        ToolResult restored =
                execute(ToolNames.RESTORE_TRAFFIC, Map.of("element_id", id), newKey());
        assertThat(restored.output()).containsKey("restored_gbps");
        assertThat(read(ToolNames.GET_ELEMENT, Map.of("element_id", id)))
                .containsEntry("status", "UP");
    }

    @Test
    void a_restart_is_estimated_with_the_operator_hour_and_takes_ten_minutes() {
        Map<String, Object> core = firstElement("ROUTER", Optional.of("core"));
        Object id = core.get("id");
        Estimate estimate =
                catalogue.require(ToolNames.RESTART_ELEMENT).estimate(Map.of("element_id", id));
        assertThat(estimate.facts())
                .containsEntry("traffic_moved", false)
                .containsEntry("hour", (double) clock.instant().atZone(ZoneOffset.UTC).getHour())
                .containsEntry("element_id", id);
        assertOutageFacts(
                estimate,
                read(ToolNames.PREVIEW_OUTAGE, Map.of("element_id", id, "duration_minutes", 10)));

        Instant before = clock.instant();
        ToolResult restart = execute(ToolNames.RESTART_ELEMENT, Map.of("element_id", id), newKey());
        assertThat(restart.outcome()).as(restart.summary()).isEqualTo(ToolResult.Outcome.SUCCEEDED);
        assertThat(restart.output()).containsEntry("down_minutes", 10L);
        assertThat(restart.completesAt()).isPresent();
        assertThat(restart.completesAt().get())
                .isAfterOrEqualTo(before.plus(Duration.ofMinutes(10)));
    }

    // --- undo: cancel_order, cancel_appointment ------------------------------------------

    @Test
    void cancelling_an_order_before_delivery_refunds_its_price_and_returns_the_reservation() {
        Map<String, Object> core = firstElement("ROUTER", Optional.of("core"));
        Map<String, Object> before = centralOption("FAN-TRAY", core);
        assumeThat((Long) before.get("available")).isPositive();
        double price = price("FAN-TRAY", core);
        IdempotencyKey orderKey = newKey();
        ToolResult ordered = execute(ToolNames.ORDER_PART, fanTrayOrder(core, "central"), orderKey);
        assertThat(ordered.outcome()).as(ordered.summary()).isEqualTo(ToolResult.Outcome.SUCCEEDED);
        Map<String, Object> cancel = cancelOrder(core, orderKey);

        Estimate estimate = catalogue.require(ToolNames.CANCEL_ORDER).estimate(cancel);
        assertThat(estimate.costGbp()).isZero();
        assertThat(estimate.facts())
                .containsEntry("element_id", core.get("id"))
                .containsEntry("region", core.get("region"))
                .containsEntry("order_key", orderKey.value())
                .containsEntry("undo", true);

        IdempotencyKey key = newKey();
        ToolResult first = execute(ToolNames.CANCEL_ORDER, cancel, key);
        assertThat(first.outcome()).as(first.summary()).isEqualTo(ToolResult.Outcome.SUCCEEDED);
        assertThat(first.output())
                .containsEntry("order_id", ordered.output().get("order_id"))
                .containsEntry("order_key", orderKey.value())
                .containsEntry("cancelled", true)
                .containsEntry("refund_gbp", price)
                .containsKey("cancelled_at");
        assertThat(first.costGbp()).isZero();
        assertThat(execute(ToolNames.CANCEL_ORDER, cancel, key)).isEqualTo(first);
        assertThat((Long) centralOption("FAN-TRAY", core).get("available"))
                .isEqualTo((Long) before.get("available"));

        ToolResult again = execute(ToolNames.CANCEL_ORDER, cancel, newKey());
        assertThat(again.outcome()).as(again.summary()).isEqualTo(ToolResult.Outcome.SUCCEEDED);
        assertThat(again.output())
                .containsEntry("order_id", ordered.output().get("order_id"))
                .containsEntry("cancelled", true)
                .containsEntry("refund_gbp", price);
        assertThat((Long) centralOption("FAN-TRAY", core).get("available"))
                .as("a second cancel returns nothing twice")
                .isEqualTo((Long) before.get("available"));
    }

    @Test
    void cancelling_under_a_key_no_order_was_placed_under_succeeds_with_nothing_to_cancel() {
        Map<String, Object> core = firstElement("ROUTER", Optional.of("core"));
        ToolResult result = execute(ToolNames.CANCEL_ORDER, cancelOrder(core, newKey()), newKey());
        assertThat(result.outcome()).as(result.summary()).isEqualTo(ToolResult.Outcome.SUCCEEDED);
        assertThat(result.output()).containsEntry("cancelled", false).doesNotContainKey("order_id");
        assertThat(result.summary()).contains("nothing to cancel");
    }

    @Test
    void cancelling_an_order_named_for_another_element_is_invalid() {
        Map<String, Object> core = firstElement("ROUTER", Optional.of("core"));
        Map<String, Object> cell = firstElement("RADIO", Optional.empty());
        IdempotencyKey orderKey = newKey();
        assertThat(
                        execute(ToolNames.ORDER_PART, fanTrayOrder(core, "central"), orderKey)
                                .succeeded())
                .isTrue();
        ToolResult result = execute(ToolNames.CANCEL_ORDER, cancelOrder(cell, orderKey), newKey());
        assertThat(result.outcome()).as(result.summary()).isEqualTo(ToolResult.Outcome.INVALID);
        assertThat(result.summary()).contains((String) core.get("id"));
    }

    @Test
    void a_delivered_order_cannot_be_cancelled_the_part_stays_at_the_site() {
        Map<String, Object> core = firstElement("ROUTER", Optional.of("core"));
        IdempotencyKey orderKey = newKey();
        ToolResult ordered =
                execute(
                        ToolNames.ORDER_PART,
                        fanTrayOrder(core, (String) core.get("region")),
                        orderKey);
        assertThat(ordered.outcome()).as(ordered.summary()).isEqualTo(ToolResult.Outcome.SUCCEEDED);
        Instant due = Instant.parse((String) ordered.output().get("delivery_at"));
        advance(Duration.between(clock.instant(), due).plusMinutes(5));

        ToolResult result = execute(ToolNames.CANCEL_ORDER, cancelOrder(core, orderKey), newKey());
        assertThat(result.outcome()).as(result.summary()).isEqualTo(ToolResult.Outcome.REFUSED);
        assertThat(result.summary()).contains((String) ordered.output().get("order_id"));
    }

    @Test
    void cancelling_an_appointment_before_the_engineer_leaves_frees_the_diary_and_the_call_out() {
        Map<String, Object> core = firstElement("ROUTER", Optional.of("core"));
        Map<String, Object> engineer = skilledEngineer(core, "router");
        Instant start = nextWeekdayAt(10, engineer);
        IdempotencyKey bookingKey = newKey();
        ToolResult booked =
                execute(ToolNames.DISPATCH_ENGINEER, dispatch(core, engineer, start), bookingKey);
        assertThat(booked.outcome()).as(booked.summary()).isEqualTo(ToolResult.Outcome.SUCCEEDED);
        assertThat(Instant.parse((String) booked.output().get("leaves_at")))
                .isBefore(start)
                .isAfter(clock.instant());
        Map<String, Object> cancel = cancelAppointment(core, bookingKey);

        Estimate estimate = catalogue.require(ToolNames.CANCEL_APPOINTMENT).estimate(cancel);
        assertThat(estimate.costGbp()).isZero();
        assertThat(estimate.facts())
                .containsEntry("element_id", core.get("id"))
                .containsEntry("appointment_key", bookingKey.value())
                .containsEntry("undo", true);

        IdempotencyKey key = newKey();
        ToolResult first = execute(ToolNames.CANCEL_APPOINTMENT, cancel, key);
        assertThat(first.outcome()).as(first.summary()).isEqualTo(ToolResult.Outcome.SUCCEEDED);
        assertThat(first.output())
                .containsEntry("appointment_id", booked.output().get("appointment_id"))
                .containsEntry("appointment_key", bookingKey.value())
                .containsEntry("cancelled", true)
                .containsEntry("engineer_id", engineer.get("engineer_id"))
                .containsEntry("refund_gbp", 300.0);
        assertThat(execute(ToolNames.CANCEL_APPOINTMENT, cancel, key)).isEqualTo(first);
        assertThat(list(engineerNow(core, engineer).get("booked")))
                .noneMatch(b -> b.get("from").equals(start.toString()));

        ToolResult again = execute(ToolNames.CANCEL_APPOINTMENT, cancel, newKey());
        assertThat(again.outcome()).as(again.summary()).isEqualTo(ToolResult.Outcome.SUCCEEDED);
        assertThat(again.output()).containsEntry("cancelled", true);

        ToolResult rebooked =
                execute(ToolNames.DISPATCH_ENGINEER, dispatch(core, engineer, start), newKey());
        assertThat(rebooked.outcome())
                .as("the freed hour can be booked again: " + rebooked.summary())
                .isEqualTo(ToolResult.Outcome.SUCCEEDED);
    }

    @Test
    void cancelling_under_a_key_no_appointment_was_booked_under_succeeds_with_nothing_to_cancel() {
        Map<String, Object> core = firstElement("ROUTER", Optional.of("core"));
        ToolResult result =
                execute(ToolNames.CANCEL_APPOINTMENT, cancelAppointment(core, newKey()), newKey());
        assertThat(result.outcome()).as(result.summary()).isEqualTo(ToolResult.Outcome.SUCCEEDED);
        assertThat(result.output()).containsEntry("cancelled", false);
        assertThat(result.summary()).contains("nothing to cancel");
    }

    @Test
    void an_appointment_whose_engineer_has_left_cannot_be_cancelled() {
        Map<String, Object> core = firstElement("ROUTER", Optional.of("core"));
        Map<String, Object> engineer = skilledEngineer(core, "router");
        Instant start = nextWeekdayAt(10, engineer);
        IdempotencyKey bookingKey = newKey();
        ToolResult booked =
                execute(ToolNames.DISPATCH_ENGINEER, dispatch(core, engineer, start), bookingKey);
        assertThat(booked.outcome()).as(booked.summary()).isEqualTo(ToolResult.Outcome.SUCCEEDED);
        Instant leaves = Instant.parse((String) booked.output().get("leaves_at"));
        advance(Duration.between(clock.instant(), leaves).plusMinutes(5));

        ToolResult result =
                execute(
                        ToolNames.CANCEL_APPOINTMENT,
                        cancelAppointment(core, bookingKey),
                        newKey());
        assertThat(result.outcome()).as(result.summary()).isEqualTo(ToolResult.Outcome.REFUSED);
        assertThat(result.summary()).contains((String) engineer.get("engineer_id"));
    }

    // --- reads of orders and appointments ------------------------------------------------

    @Test
    void get_order_answers_an_order_by_its_key_or_its_id_as_it_is_now() {
        Map<String, Object> core = firstElement("ROUTER", Optional.of("core"));
        IdempotencyKey orderKey = newKey();
        ToolResult ordered =
                execute(
                        ToolNames.ORDER_PART,
                        fanTrayOrder(core, (String) core.get("region")),
                        orderKey);
        assertThat(ordered.outcome()).as(ordered.summary()).isEqualTo(ToolResult.Outcome.SUCCEEDED);

        Map<String, Object> byKey =
                read(ToolNames.GET_ORDER, Map.of("order_key", orderKey.value()));
        assertThat(byKey)
                .containsEntry("order_id", ordered.output().get("order_id"))
                .containsEntry("order_key", orderKey.value())
                .containsEntry("part", "FAN-TRAY")
                .containsEntry("source", core.get("region"))
                .containsEntry("site", core.get("site"))
                .containsEntry("element_id", core.get("id"))
                .containsEntry("expected_delivery_at", ordered.output().get("delivery_at"))
                .containsEntry("delivered", false)
                .containsKeys("ordered_at", "cost_gbp");
        assertThat(byKey.get("state")).isIn("acknowledged", "inProgress");
        assertThat(read(ToolNames.GET_ORDER, Map.of("order_id", ordered.output().get("order_id"))))
                .isEqualTo(byKey);

        advance(
                Duration.between(
                                clock.instant(),
                                Instant.parse((String) ordered.output().get("delivery_at")))
                        .plusMinutes(1));
        assertThat(read(ToolNames.GET_ORDER, Map.of("order_key", orderKey.value())))
                .containsEntry("state", "completed")
                .containsEntry("delivered", true);
    }

    @Test
    void get_order_shows_a_cancelled_order_with_its_refund() {
        Map<String, Object> core = firstElement("ROUTER", Optional.of("core"));
        IdempotencyKey orderKey = newKey();
        assertThat(
                        execute(ToolNames.ORDER_PART, fanTrayOrder(core, "central"), orderKey)
                                .succeeded())
                .isTrue();
        assertThat(
                        execute(ToolNames.CANCEL_ORDER, cancelOrder(core, orderKey), newKey())
                                .succeeded())
                .isTrue();
        assertThat(read(ToolNames.GET_ORDER, Map.of("order_key", orderKey.value())))
                .containsEntry("state", "cancelled")
                .containsEntry("delivered", false)
                .containsEntry("refund_gbp", price("FAN-TRAY", core));
    }

    @Test
    void get_order_of_a_key_nothing_was_ordered_under_is_invalid_and_takes_one_of_key_or_id() {
        ToolResult none =
                execute(ToolNames.GET_ORDER, Map.of("order_key", "never/used/1"), newKey());
        assertThat(none.outcome()).isEqualTo(ToolResult.Outcome.INVALID);
        assertThat(none.summary()).contains("never/used/1");
        for (Map<String, Object> wrong :
                List.<Map<String, Object>>of(
                        Map.of(), Map.of("order_key", "a", "order_id", "po-0001"))) {
            assertThatThrownBy(() -> catalogue.require(ToolNames.GET_ORDER).estimate(wrong))
                    .isInstanceOf(InvalidArgumentsException.class)
                    .hasMessageContaining("exactly one of order_key or order_id");
        }
    }

    @Test
    void get_appointment_follows_a_booking_from_confirmed_to_under_way() {
        Map<String, Object> core = firstElement("ROUTER", Optional.of("core"));
        Map<String, Object> engineer = skilledEngineer(core, "router");
        Instant start = nextWeekdayAt(10, engineer);
        IdempotencyKey bookingKey = newKey();
        ToolResult booked =
                execute(ToolNames.DISPATCH_ENGINEER, dispatch(core, engineer, start), bookingKey);
        assertThat(booked.outcome()).as(booked.summary()).isEqualTo(ToolResult.Outcome.SUCCEEDED);

        Map<String, Object> byKey =
                read(ToolNames.GET_APPOINTMENT, Map.of("appointment_key", bookingKey.value()));
        assertThat(byKey)
                .containsEntry("appointment_id", booked.output().get("appointment_id"))
                .containsEntry("appointment_key", bookingKey.value())
                .containsEntry("engineer_id", engineer.get("engineer_id"))
                .containsEntry("element_id", core.get("id"))
                .containsEntry("site", core.get("site"))
                .containsEntry("start", start.toString())
                .containsEntry("end", start.plus(Duration.ofHours(1)).toString())
                .containsEntry("leaves_at", booked.output().get("leaves_at"))
                .containsEntry("state", "confirmed")
                .doesNotContainKey("cancel_reason");
        assertThat(
                        read(
                                ToolNames.GET_APPOINTMENT,
                                Map.of("appointment_id", booked.output().get("appointment_id"))))
                .isEqualTo(byKey);

        Instant leaves = Instant.parse((String) booked.output().get("leaves_at"));
        advance(Duration.between(clock.instant(), leaves).plusMinutes(1));
        assertThat(read(ToolNames.GET_APPOINTMENT, Map.of("appointment_key", bookingKey.value())))
                .containsEntry("state", "inProgress");
    }

    @Test
    void get_appointment_shows_a_cancelled_booking_with_its_reason() {
        Map<String, Object> core = firstElement("ROUTER", Optional.of("core"));
        Map<String, Object> engineer = skilledEngineer(core, "router");
        IdempotencyKey bookingKey = newKey();
        assertThat(
                        execute(
                                        ToolNames.DISPATCH_ENGINEER,
                                        dispatch(core, engineer, nextWeekdayAt(11, engineer)),
                                        bookingKey)
                                .succeeded())
                .isTrue();
        assertThat(
                        execute(
                                        ToolNames.CANCEL_APPOINTMENT,
                                        cancelAppointment(core, bookingKey),
                                        newKey())
                                .succeeded())
                .isTrue();
        assertThat(read(ToolNames.GET_APPOINTMENT, Map.of("appointment_key", bookingKey.value())))
                .containsEntry("state", "cancelled")
                .containsEntry("cancel_reason", "plan changed");
        ToolResult none =
                execute(ToolNames.GET_APPOINTMENT, Map.of("appointment_id", "apt-9999"), newKey());
        assertThat(none.outcome()).isEqualTo(ToolResult.Outcome.INVALID);
    }

    // --- what-if and the whole workforce -----------------------------------------------------

    @Test
    void preview_outage_of_one_core_router_in_an_intact_network_is_safe_and_changes_nothing() {
        Map<String, Object> core = firstElement("ROUTER", Optional.of("core"));
        Map<String, Object> preview =
                read(ToolNames.PREVIEW_OUTAGE, Map.of("element_id", core.get("id")));
        assertThat(preview)
                .containsEntry("element_id", core.get("id"))
                .containsEntry("at", clock.instant().toString())
                .containsEntry("duration_minutes", 60L)
                .containsEntry("sites_isolated", 0L)
                .containsEntry("consumers_cut", 0L)
                .containsEntry("slices_breached", 0L)
                .containsEntry("overloaded_links", List.of())
                .containsEntry("safe", true)
                .containsKeys("customer_minutes");
        double factor = (Double) preview.get("load_factor");
        assertThat(factor).isBetween(0.25, 1.0);
        assertThat((Double) preview.get("max_utilization_after"))
                .isLessThanOrEqualTo(1.0)
                .isCloseTo(
                        (Double) preview.get("peak_max_utilization_after") * factor,
                        org.assertj.core.data.Offset.offset(1e-9));
        assertThat(texts(preview.get("elements_out"))).contains(core.get("id"));
        assertThat(read(ToolNames.GET_ELEMENT, Map.of("element_id", core.get("id"))))
                .containsEntry("status", "UP");
    }

    @Test
    void preview_outage_counts_what_is_out_already_and_what_a_radio_site_cuts_off() {
        List<Map<String, Object>> cores =
                list(read(ToolNames.GET_TOPOLOGY, Map.of()).get("elements")).stream()
                        .filter(e -> "core".equals(e.get("role")))
                        .toList();
        Object drained = cores.get(0).get("id");
        assertThat(
                        execute(ToolNames.REROUTE_TRAFFIC, Map.of("element_id", drained), newKey())
                                .succeeded())
                .isTrue();
        Map<String, Object> second =
                read(
                        ToolNames.PREVIEW_OUTAGE,
                        Map.of(
                                "element_id",
                                cores.get(1).get("id"),
                                "at",
                                clock.instant().plus(Duration.ofHours(3)).toString(),
                                "duration_minutes",
                                30));
        assertThat(texts(second.get("elements_out"))).contains(drained, cores.get(1).get("id"));
        assertThat(second)
                .containsEntry("duration_minutes", 30L)
                .containsEntry("at", clock.instant().plus(Duration.ofHours(3)).toString());

        Map<String, Object> cell = firstElement("RADIO", Optional.empty());
        Map<String, Object> cut =
                read(ToolNames.PREVIEW_OUTAGE, Map.of("element_id", cell.get("id")));
        assertThat((Long) cut.get("sites_isolated")).isPositive();
        assertThat((Long) cut.get("consumers_cut")).isPositive();
        assertThat((Double) cut.get("customer_minutes")).isPositive();
        assertThat(cut).containsEntry("safe", false);

        ToolResult unknown =
                execute(ToolNames.PREVIEW_OUTAGE, Map.of("element_id", "no-such-rtr-99"), newKey());
        assertThat(unknown.outcome()).isEqualTo(ToolResult.Outcome.INVALID);
    }

    @Test
    void list_engineers_without_a_region_lists_every_region_with_longer_drives_from_afar() {
        Map<String, Object> core = firstElement("ROUTER", Optional.of("core"));
        List<Map<String, Object>> all =
                list(
                        read(ToolNames.LIST_ENGINEERS, Map.of("site", core.get("site")))
                                .get("engineers"));
        assertThat(all.stream().map(e -> e.get("region")).distinct())
                .containsExactlyInAnyOrder("north", "south", "east", "west");
        for (Map<String, Object> e : all) {
            long travel = (Long) e.get("travel_minutes");
            if (e.get("region").equals(core.get("region"))) {
                assertThat(travel).as("%s", e.get("engineer_id")).isBetween(60L, 180L);
            } else {
                assertThat(travel).as("%s", e.get("engineer_id")).isBetween(180L, 300L);
            }
        }
        assertThat(list(read(ToolNames.LIST_ENGINEERS, Map.of()).get("engineers")))
                .hasSameSizeAs(all)
                .allSatisfy(e -> assertThat(e).doesNotContainKey("travel_minutes"));
    }

    // --- customers ------------------------------------------------------------------------

    @Test
    void a_notice_reaches_as_many_customers_as_estimated_once_per_key() {
        Map<String, Object> cell = firstElement("RADIO", Optional.empty());
        Map<String, Object> notice =
                Map.of("element_id", cell.get("id"), "message", "planned work tonight");
        Estimate estimate = catalogue.require(ToolNames.NOTIFY_CUSTOMERS).estimate(notice);
        assertThat(estimate.facts())
                .containsKey("customers")
                .containsEntry("element_id", cell.get("id"));

        IdempotencyKey key = newKey();
        ToolResult first = execute(ToolNames.NOTIFY_CUSTOMERS, notice, key);
        assertThat(first.output())
                .containsEntry(
                        "notified", ((Double) estimate.facts().get("customers")).longValue());
        assertThat(execute(ToolNames.NOTIFY_CUSTOMERS, notice, key)).isEqualTo(first);
    }

    @Test
    void an_sla_credit_costs_its_amount_and_is_applied_once_per_key() {
        Optional<String> customer = someEnterpriseCustomer();
        assumeThat(customer).as("an element with an enterprise slice").isPresent();
        Map<String, Object> credit =
                Map.of("customer_id", customer.get(), "amount_gbp", 40.0, "reason", "SLA breach");
        Estimate estimate = catalogue.require(ToolNames.APPLY_SLA_CREDIT).estimate(credit);
        assertThat(estimate.costGbp()).isEqualTo(40.0);
        assertThat(estimate.facts()).containsEntry("credit_per_customer", 40.0);

        IdempotencyKey key = newKey();
        ToolResult first = execute(ToolNames.APPLY_SLA_CREDIT, credit, key);
        assertThat(first.outcome()).as(first.summary()).isEqualTo(ToolResult.Outcome.SUCCEEDED);
        assertThat(first.output()).containsEntry("amount_gbp", 40.0).containsKey("credit_id");
        assertThat(first.costGbp()).isEqualTo(40.0);
        assertThat(execute(ToolNames.APPLY_SLA_CREDIT, credit, key)).isEqualTo(first);
    }

    @Test
    void a_key_reused_for_other_arguments_fails_and_has_no_effect() {
        Optional<String> customer = someEnterpriseCustomer();
        assumeThat(customer).isPresent();
        IdempotencyKey key = newKey();
        ToolResult first =
                execute(
                        ToolNames.APPLY_SLA_CREDIT,
                        Map.of("customer_id", customer.get(), "amount_gbp", 10.0, "reason", "a"),
                        key);
        ToolResult other =
                execute(
                        ToolNames.APPLY_SLA_CREDIT,
                        Map.of("customer_id", customer.get(), "amount_gbp", 20.0, "reason", "a"),
                        key);
        assertThat(first.succeeded()).isTrue();
        assertThat(other.outcome()).isEqualTo(ToolResult.Outcome.INVALID);
        assertThat(other.summary()).contains("key");
    }

    // --- helpers --------------------------------------------------------------------------

    /**
     * The outage facts of a step that takes its element out of service are the what-if's answer for
     * its window; one core router out of an intact network is safe (N-1 planning).
     */
    private static void assertOutageFacts(Estimate estimate, Map<String, Object> preview) {
        assertThat(estimate.facts())
                .containsEntry("outage_max_utilization_after", preview.get("max_utilization_after"))
                .containsEntry(
                        "outage_sites_isolated",
                        ((Long) preview.get("sites_isolated")).doubleValue())
                .containsEntry(
                        "outage_consumers_cut", ((Long) preview.get("consumers_cut")).doubleValue())
                .containsEntry(
                        "outage_slices_breached",
                        ((Long) preview.get("slices_breached")).doubleValue())
                .containsEntry("outage_customer_minutes", preview.get("customer_minutes"))
                .containsEntry("outage_safe", true);
        assertThat(preview).containsEntry("safe", true);
    }

    private static Map<String, Object> fanTrayOrder(Map<String, Object> element, String source) {
        return Map.of(
                "part",
                "FAN-TRAY",
                "source",
                source,
                "site",
                element.get("site"),
                "element_id",
                element.get("id"));
    }

    private static Map<String, Object> cancelOrder(
            Map<String, Object> element, IdempotencyKey orderKey) {
        return Map.of(
                "element_id",
                element.get("id"),
                "order_key",
                orderKey.value(),
                "reason",
                "no longer needed");
    }

    private static Map<String, Object> dispatch(
            Map<String, Object> element, Map<String, Object> engineer, Instant start) {
        return Map.of(
                "engineer_id", engineer.get("engineer_id"),
                "element_id", element.get("id"),
                "site", element.get("site"),
                "start", start.toString(),
                "task", "replace fan tray");
    }

    private static Map<String, Object> cancelAppointment(
            Map<String, Object> element, IdempotencyKey bookingKey) {
        return Map.of(
                "element_id",
                element.get("id"),
                "appointment_key",
                bookingKey.value(),
                "reason",
                "plan changed");
    }

    private Map<String, Object> engineerNow(
            Map<String, Object> element, Map<String, Object> engineer) {
        return engineers((String) element.get("region"), (String) element.get("site")).stream()
                .filter(e -> e.get("engineer_id").equals(engineer.get("engineer_id")))
                .findFirst()
                .orElseThrow();
    }

    /** A fresh key, never used before in this JVM. */
    protected static IdempotencyKey newKey() {
        return new IdempotencyKey("contract/" + KEYS.incrementAndGet() + "/1");
    }

    protected ToolResult execute(String tool, Map<String, Object> args, IdempotencyKey key) {
        return catalogue
                .require(tool)
                .execute(new ToolInvocation(ToolCall.of(tool, args), key, "agent"));
    }

    protected Map<String, Object> read(String tool, Map<String, Object> args) {
        ToolResult result = execute(tool, args, newKey());
        assertThat(result.outcome())
                .as(tool + ": " + result.summary())
                .isEqualTo(ToolResult.Outcome.SUCCEEDED);
        return result.output();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> texts(Object value) {
        return (List<Object>) value;
    }

    @SuppressWarnings("unchecked")
    protected static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    protected Map<String, Object> firstElement(String kind, Optional<String> role) {
        return list(read(ToolNames.GET_TOPOLOGY, Map.of()).get("elements")).stream()
                .filter(e -> e.get("kind").equals(kind))
                .filter(e -> role.map(r -> r.equals(e.get("role"))).orElse(true))
                .filter(e -> e.get("status").equals("UP"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + role + " that is UP"));
    }

    private List<Map<String, Object>> engineers(String region, String site) {
        return list(
                read(ToolNames.LIST_ENGINEERS, Map.of("region", region, "site", site))
                        .get("engineers"));
    }

    private Map<String, Object> skilledEngineer(Map<String, Object> element, String skill) {
        return engineers((String) element.get("region"), (String) element.get("site")).stream()
                .filter(e -> ((List<?>) e.get("skills")).contains(skill))
                .filter(e -> ((List<?>) e.get("shift_days")).contains("MONDAY"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no engineer with " + skill));
    }

    /** 10:00 on a weekday at least a day ahead, when the engineer is neither booked nor away. */
    private Instant nextWeekdayAt(int hour, Map<String, Object> engineer) {
        ZonedDateTime day =
                ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)
                        .truncatedTo(ChronoUnit.DAYS)
                        .plusDays(1);
        for (int i = 0; i < 30; i++, day = day.plusDays(1)) {
            if (day.getDayOfWeek().getValue() > 5) {
                continue;
            }
            Instant start = day.withHour(hour).toInstant();
            Instant end = start.plus(Duration.ofHours(1));
            boolean clash =
                    java.util.stream.Stream.concat(
                                    list(engineer.get("booked")).stream(),
                                    list(engineer.get("unavailable")).stream())
                            .anyMatch(
                                    w ->
                                            Instant.parse((String) w.get("from")).isBefore(end)
                                                    && start.isBefore(
                                                            Instant.parse((String) w.get("to"))));
            if (!clash) {
                return start;
            }
        }
        throw new AssertionError("no free weekday in 30 days");
    }

    private Map<String, Object> centralOption(String part, Map<String, Object> element) {
        return list(
                        read(
                                        ToolNames.CHECK_STOCK,
                                        Map.of("part", part, "site", element.get("site")))
                                .get("options"))
                .stream()
                .filter(o -> o.get("source").equals("central"))
                .findFirst()
                .orElseThrow();
    }

    private double price(String part, Map<String, Object> element) {
        return (Double)
                read(ToolNames.CHECK_STOCK, Map.of("part", part, "site", element.get("site")))
                        .get("price_gbp");
    }

    private Optional<String> someEnterpriseCustomer() {
        Map<String, Boolean> seen = new HashMap<>();
        for (Map<String, Object> e : list(read(ToolNames.GET_TOPOLOGY, Map.of()).get("elements"))) {
            if (seen.size() > 60) {
                break;
            }
            seen.put((String) e.get("id"), true);
            List<Map<String, Object>> slices =
                    list(
                            read(
                                            ToolNames.GET_AFFECTED_CUSTOMERS,
                                            Map.of("element_id", e.get("id")))
                                    .get("enterprise_slices"));
            if (!slices.isEmpty()) {
                return Optional.of((String) slices.get(0).get("customer_id"));
            }
        }
        return Optional.empty();
    }
}
