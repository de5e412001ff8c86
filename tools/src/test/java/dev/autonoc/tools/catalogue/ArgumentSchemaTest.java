package dev.autonoc.tools.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.tool.InvalidArgumentsException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ArgumentSchemaTest {

    private final ArgumentSchema schema =
            new ArgumentSchema(
                    "demo",
                    List.of(
                            Arg.string("element_id", "the element"),
                            Arg.integer("samples", "how many", 1, 288).withDefault(12L),
                            Arg.string("severity", "how bad").oneOf(List.of("minor", "major")),
                            Arg.string("start", "when").asDateTime().optional(),
                            Arg.positiveNumber("amount_gbp", "money").optional(),
                            Arg.bool("expedite", "faster").withDefault(false)));

    private Map<String, Object> valid() {
        Map<String, Object> args = new HashMap<>();
        args.put("element_id", "core-rtr-01");
        args.put("severity", "major");
        return args;
    }

    @Test
    void renders_a_closed_json_schema_with_types_enums_ranges_and_required_arguments() {
        JsonNode json = JsonMapper.builder().build().readTree(schema.json());
        assertThat(json.get("$schema").asString()).contains("2020-12");
        assertThat(json.get("additionalProperties").asBoolean()).isFalse();
        assertThat(json.get("required").toString()).isEqualTo("[\"element_id\",\"severity\"]");
        JsonNode props = json.get("properties");
        assertThat(props.get("samples").get("type").asString()).isEqualTo("integer");
        assertThat(props.get("samples").get("maximum").asLong()).isEqualTo(288);
        assertThat(props.get("samples").get("default").asLong()).isEqualTo(12);
        assertThat(props.get("severity").get("enum").toString()).isEqualTo("[\"minor\",\"major\"]");
        assertThat(props.get("start").get("format").asString()).isEqualTo("date-time");
        assertThat(props.get("amount_gbp").get("exclusiveMinimum").asDouble()).isZero();
    }

    @Test
    void fills_in_defaults_of_arguments_left_out() {
        ArgumentSchema.Args args = schema.validate(valid());
        assertThat(args.integer("samples")).isEqualTo(12L);
        assertThat(args.bool("expedite")).isFalse();
        assertThat(args.optionalString("start")).isEmpty();
    }

    @Test
    void refuses_a_missing_required_argument_naming_it_and_what_is_accepted() {
        Map<String, Object> args = valid();
        args.remove("severity");
        assertThatThrownBy(() -> schema.validate(args))
                .isInstanceOf(InvalidArgumentsException.class)
                .hasMessageContaining("demo")
                .hasMessageContaining("missing argument 'severity'")
                .hasMessageContaining("one of minor, major");
    }

    @Test
    void refuses_an_unknown_argument_listing_the_accepted_ones() {
        Map<String, Object> args = valid();
        args.put("elementId", "x");
        assertThatThrownBy(() -> schema.validate(args))
                .isInstanceOf(InvalidArgumentsException.class)
                .hasMessageContaining("elementId")
                .hasMessageContaining("element_id, samples?");
    }

    @Test
    void refuses_a_value_outside_the_enum() {
        Map<String, Object> args = valid();
        args.put("severity", "apocalyptic");
        assertThatThrownBy(() -> schema.validate(args))
                .hasMessageContaining("argument 'severity' must be one of minor, major")
                .hasMessageContaining("'apocalyptic'");
    }

    @Test
    void takes_a_whole_number_written_as_a_double_and_refuses_a_fraction() {
        Map<String, Object> args = valid();
        args.put("samples", 24.0);
        assertThat(schema.validate(args).integer("samples")).isEqualTo(24L);
        args.put("samples", 2.5);
        assertThatThrownBy(() -> schema.validate(args))
                .hasMessageContaining("argument 'samples' must be a whole number from 1 up to 288");
    }

    @Test
    void refuses_a_number_out_of_range_and_a_number_written_as_text() {
        Map<String, Object> args = valid();
        args.put("samples", 289);
        assertThatThrownBy(() -> schema.validate(args)).hasMessageContaining("samples");
        args.put("samples", "12");
        assertThatThrownBy(() -> schema.validate(args)).hasMessageContaining("got '12' (String)");
    }

    @Test
    void refuses_zero_where_a_positive_amount_is_expected() {
        Map<String, Object> args = valid();
        args.put("amount_gbp", 0);
        assertThatThrownBy(() -> schema.validate(args))
                .hasMessageContaining("argument 'amount_gbp' must be a number above 0");
        args.put("amount_gbp", 12);
        assertThat(schema.validate(args).number("amount_gbp")).isEqualTo(12.0);
    }

    @Test
    void reads_instants_with_an_offset_and_refuses_other_text() {
        Map<String, Object> args = valid();
        args.put("start", "2025-01-08T11:00:00+01:00");
        assertThat(schema.validate(args).instant("start"))
                .isEqualTo(Instant.parse("2025-01-08T10:00:00Z"));
        args.put("start", "tomorrow at ten");
        assertThatThrownBy(() -> schema.validate(args))
                .hasMessageContaining("ISO-8601 instant such as 2025-01-08T10:00:00Z");
    }

    @Test
    void refuses_blank_text_a_boolean_written_as_text_and_no_arguments_at_all() {
        Map<String, Object> args = valid();
        args.put("element_id", "  ");
        assertThatThrownBy(() -> schema.validate(args))
                .hasMessageContaining("an identifier of up to 64");
        Map<String, Object> flag = valid();
        flag.put("expedite", "yes");
        assertThatThrownBy(() -> schema.validate(flag)).hasMessageContaining("true or false");
        assertThatThrownBy(() -> schema.validate(null))
                .hasMessageContaining("arguments are missing");
    }
}
