package dev.autonoc.tools.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.tool.InvalidArgumentsException;
import dev.autonoc.core.tool.Tool;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every argument of every tool is bounded: every call is written to an append-only ledger, and a
 * probe wrote ten entries of 2.1 MB each with five {@code get_element} calls naming a 1 MB element
 * id, and had a 2 MB customer message allowed.
 */
class ArgumentBoundsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FakeOperatorFixture op = new FakeOperatorFixture();

    @Test
    void every_argument_of_every_tool_has_a_length_limit_and_pattern_or_a_range() {
        for (Tool tool : op.catalogue.tools()) {
            JsonNode properties =
                    JSON.readTree(tool.descriptor().argumentSchema()).get("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.properties().iterator();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                JsonNode arg = p.getValue();
                String where = tool.name() + "." + p.getKey();
                switch (arg.get("type").asString()) {
                    case "string" -> {
                        if (!arg.has("enum")) {
                            assertThat(arg.get("maxLength").asInt()).as(where).isPositive();
                            assertThat(arg.has("pattern") || arg.has("format"))
                                    .as(where + " has a pattern or a format")
                                    .isTrue();
                        }
                    }
                    case "integer", "number" -> {
                        assertThat(arg.has("minimum") || arg.has("exclusiveMinimum"))
                                .as(where)
                                .isTrue();
                        assertThat(arg.has("maximum")).as(where).isTrue();
                    }
                    case "boolean" -> {}
                    default -> throw new AssertionError(where + ": " + arg);
                }
            }
        }
    }

    @Test
    void a_megabyte_element_id_is_refused_with_a_short_message_naming_the_limit() {
        String huge = "r".repeat(1 << 20);
        Tool get = op.catalogue.require("get_element");

        assertThatThrownBy(() -> get.estimate(Map.of("element_id", huge)))
                .isInstanceOf(InvalidArgumentsException.class)
                .hasMessageContaining("an identifier of up to 64")
                .hasMessageContaining("(1048576 characters)")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(400));
    }

    @Test
    void a_customer_message_over_the_text_limit_is_refused_and_one_within_is_taken() {
        Tool notify = op.catalogue.require("notify_customers");
        Map<String, Object> tooLong =
                Map.of("element_id", "core-rtr-01", "message", "x".repeat(2 << 20));
        assertThatThrownBy(() -> notify.estimate(tooLong))
                .isInstanceOf(InvalidArgumentsException.class)
                .hasMessageContaining("argument 'message' must be a non-empty text of up to 1000");

        Map<String, Object> fits =
                Map.of(
                        "element_id",
                        "core-rtr-01",
                        "message",
                        "Planned work tonight.\nNo action needed.\t(ref 42)");
        assertThat(notify.estimate(fits)).isNotNull();
    }

    @Test
    void control_characters_and_odd_identifiers_are_refused() {
        Tool notify = op.catalogue.require("notify_customers");
        assertThatThrownBy(
                        () ->
                                notify.estimate(
                                        Map.of(
                                                "element_id",
                                                "core-rtr-01",
                                                "message",
                                                "bell \u0007 here")))
                .isInstanceOf(InvalidArgumentsException.class);
        for (String id : List.of("../etc", "-rtr", "rtr 01", "rtr\n01", "<script>")) {
            assertThatThrownBy(
                            () ->
                                    op.catalogue
                                            .require("get_element")
                                            .estimate(Map.of("element_id", id)))
                    .as(id)
                    .isInstanceOf(InvalidArgumentsException.class);
        }
    }

    @Test
    void an_sla_credit_above_the_money_limit_is_refused() {
        Tool credit = op.catalogue.require("apply_sla_credit");
        assertThatThrownBy(
                        () ->
                                credit.estimate(
                                        Map.of(
                                                "customer_id",
                                                "c-1",
                                                "amount_gbp",
                                                1e12,
                                                "reason",
                                                "outage")))
                .isInstanceOf(InvalidArgumentsException.class)
                .hasMessageContaining("up to 1000000");
    }

    @Test
    void a_flood_of_unknown_argument_names_is_named_in_a_bounded_message() {
        Map<String, Object> args = new java.util.HashMap<>();
        for (int i = 0; i < 1000; i++) {
            args.put("k".repeat(500) + i, i);
        }
        assertThatThrownBy(() -> op.catalogue.require("get_topology").estimate(args))
                .isInstanceOf(InvalidArgumentsException.class)
                .hasMessageContaining("and 995 more")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(600));
    }

    /** The Java check and the JSON Schema pattern a client reads agree on what an id is. */
    @Property(tries = 300)
    void the_identifier_check_agrees_with_its_schema_pattern(
            @ForAll @StringLength(min = 1, max = 80) String id) {
        boolean schemaSays =
                id.length() <= Arg.ID_MAX_LENGTH
                        && Pattern.compile(Arg.ID_PATTERN).matcher(id).matches()
                        && !id.isBlank();
        boolean accepted;
        try {
            op.catalogue.require("get_element").estimate(Map.of("element_id", id));
            accepted = true;
        } catch (InvalidArgumentsException e) {
            accepted = false;
        } catch (RuntimeException e) {
            accepted = true; // passed the schema, refused by the operator (unknown element)
        }
        assertThat(accepted).as(id).isEqualTo(schemaSays);
    }
}
