package dev.autonoc.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.tool.Risk;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSON form of an action: every field read, every default, every refusal named. */
class ActionInputTest {

    private static final Element ROUTER =
            new Element(ElementId.of("core-rtr-01"), ElementKind.ROUTER, "core", "north", "s1");
    private static final Instant NOW = Instant.parse("2025-01-07T03:00:00Z");

    @Test
    void every_field_is_read() {
        ActionInput a =
                ActionInput.fromJson(
                        """
                        {"tool": "order_part", "element": "core-rtr-02", "cost": 2800,
                         "risk": "medium", "arguments": {"part": "PSU", "qty": 2, "expedite": true},
                         "facts": {"in_shift": false, "max_utilization_after": 0.85,
                                   "sites": ["a", "b"], "skip": null},
                         "at": "2025-01-06T10:00:00Z", "proposer": "alice"}
                        """);

        assertThat(a.tool()).isEqualTo("order_part");
        assertThat(a.element()).isEqualTo("core-rtr-02");
        assertThat(a.cost()).isEqualTo(2800.0);
        assertThat(a.risk()).isEqualTo(Risk.MEDIUM);
        assertThat(a.arguments())
                .containsExactly(
                        Map.entry("part", "PSU"),
                        Map.entry("qty", 2L),
                        Map.entry("expedite", true));
        assertThat(a.facts())
                .containsEntry("in_shift", false)
                .containsEntry("max_utilization_after", 0.85)
                .containsEntry("sites", List.of("a", "b"))
                .doesNotContainKey("skip");
        assertThat(a.at()).contains(Instant.parse("2025-01-06T10:00:00Z"));
        assertThat(a.proposer()).isEqualTo("alice");
    }

    @Test
    void only_the_tool_is_required_and_null_is_absent() {
        ActionInput a = ActionInput.fromJson("{\"tool\": \"open_ticket\", \"risk\": null}");

        assertThat(a.element()).isEqualTo(ActionInput.DEFAULT_ELEMENT);
        assertThat(a.cost()).isZero();
        assertThat(a.risk()).isEqualTo(Risk.LOW);
        assertThat(a.arguments()).isEmpty();
        assertThat(a.facts()).isEmpty();
        assertThat(a.at()).isEmpty();
        assertThat(a.proposer()).isEqualTo(ActionInput.DEFAULT_PROPOSER);
    }

    @Test
    void the_request_carries_the_element_and_region_and_the_actions_own_entries_win() {
        ActionInput a =
                ActionInput.fromJson(
                        "{\"tool\": \"order_part\", \"cost\": 12.5, \"facts\": {\"region\":"
                                + " \"elsewhere\", \"in_shift\": true}, \"arguments\": {\"part\":"
                                + " \"PSU\"}}");

        ActionRequest r = a.toRequest(ROUTER, NOW);

        assertThat(r.call().tool()).isEqualTo("order_part");
        assertThat(r.call().arguments())
                .containsEntry("element_id", "core-rtr-01")
                .containsEntry("part", "PSU");
        assertThat(r.estimate().facts())
                .containsEntry("element_id", "core-rtr-01")
                .containsEntry("region", "elsewhere")
                .containsEntry("in_shift", true);
        assertThat(r.estimate().costGbp()).isEqualTo(12.5);
        assertThat(r.at()).isEqualTo(NOW);
        assertThat(r.element()).isEqualTo(ROUTER);
        assertThat(r.proposer()).isEqualTo("agent:autonoc");
        assertThat(r.prediction()).isEmpty();
        assertThat(
                        ActionInput.fromJson("{\"tool\": \"order_part\", \"facts\": {}}")
                                .toRequest(ROUTER, NOW)
                                .estimate()
                                .facts())
                .containsEntry("region", "north");
        assertThatThrownBy(
                        () ->
                                ActionInput.fromJson(
                                                "{\"tool\": \"order_part\", \"element\": \"x\"}")
                                        .toRequest(ROUTER, NOW))
                .hasMessageContaining("names element x, not core-rtr-01");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "{}                                                  | tool      | is required; accepted: open_ticket",
                "{\"tool\": \"get_element\"}                         | tool      | 'get_element' is not an act tool; accepted:",
                "{\"tool\": 3}                                       | tool      | must be a string naming an act tool",
                "{\"tool\": \"order_part\", \"costs\": 3}            | costs     | is not a field of an action; accepted: tool, element, arguments, cost, risk, facts, at, proposer",
                "{\"tool\": \"order_part\", \"cost\": \"2800\"}      | cost      | must be a number >= 0 (GBP), e.g. 2800, found a string (\"2800\")",
                "{\"tool\": \"order_part\", \"cost\": -1}             | cost      | must be a finite number >= 0 (GBP), got -1.0",
                "{\"tool\": \"order_part\", \"cost\": 1e400}          | cost      | must be a finite number >= 0",
                "{\"tool\": \"order_part\", \"risk\": \"EXTREME\"}    | risk      | unknown risk 'EXTREME'; accepted: LOW, MEDIUM, HIGH",
                "{\"tool\": \"order_part\", \"at\": \"monday\"}        | at        | 'monday' is not an ISO-8601 UTC instant; expected e.g. 2025-01-06T10:00:00Z",
                "{\"tool\": \"order_part\", \"at\": 12}               | at        | must be a string, an ISO-8601 UTC instant",
                "{\"tool\": \"order_part\", \"facts\": [1]}           | facts     | must be an object of names to values",
                "{\"tool\": \"order_part\", \"arguments\": \"PSU\"}   | arguments | must be an object of names to values, e.g. {\"part\": \"PSU\"}, found a string",
                "{\"tool\": \"order_part\", \"facts\": {\"a\": [1, null]}} | facts.a[1] | is null",
                "{\"tool\": \"order_part\", \"element\": \" \"}       | element   | must name an element",
                "{\"tool\": \"order_part\", \"proposer\": \"\"}       | proposer  | must name who proposes it",
                "{\"tool\": \"order_part\", \"cost\": 1, \"cost\": 2} | action    | is not valid JSON: Duplicate Object property \"cost\" (line 1",
                "{\"tool\": \"order_part\"                           | action    | is not valid JSON",
                "[{\"tool\": \"order_part\"}]                         | action    | must be a JSON object with the fields tool, element",
                "``                                                  | action    | found nothing",
            })
    void bad_input_is_refused_naming_the_field_and_what_is_accepted(
            String json, String field, String problem) {
        assertThatThrownBy(() -> ActionInput.fromJson(json))
                .isInstanceOfSatisfying(
                        InvalidActionException.class,
                        e -> {
                            assertThat(e.field()).isEqualTo(field);
                            assertThat(e.problem()).contains(problem);
                            assertThat(e.getMessage())
                                    .contains(
                                            field.equals("action")
                                                    ? "the action "
                                                    : "field '" + field + "' ");
                        });
    }

    @Test
    void the_record_checks_values_given_in_code_as_the_json_does() {
        assertThatThrownBy(
                        () ->
                                new ActionInput(
                                        "order_part",
                                        "core-rtr-01",
                                        Map.of(),
                                        Double.NaN,
                                        Risk.LOW,
                                        Map.of(),
                                        Optional.empty(),
                                        "agent:autonoc"))
                .isInstanceOfSatisfying(
                        InvalidActionException.class, e -> assertThat(e.field()).isEqualTo("cost"));
        assertThat(ActionInput.risk(" high ")).isEqualTo(Risk.HIGH);
    }
}
