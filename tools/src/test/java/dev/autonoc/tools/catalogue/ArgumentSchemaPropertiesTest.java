package dev.autonoc.tools.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.tool.InvalidArgumentsException;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

class ArgumentSchemaPropertiesTest {

    private final ArgumentSchema schema =
            new ArgumentSchema(
                    "demo", List.of(Arg.integer("samples", "how many", 1, 288).optional()));

    @Property
    void every_whole_number_in_range_is_taken_as_a_long(
            @ForAll @IntRange(min = 1, max = 288) int n) {
        assertThat(schema.validate(Map.of("samples", n)).integer("samples")).isEqualTo((long) n);
        assertThat(schema.validate(Map.of("samples", (double) n)).integer("samples"))
                .isEqualTo((long) n);
    }

    @Property
    void every_whole_number_out_of_range_is_refused(
            @ForAll @LongRange(min = -1_000_000, max = 1_000_000) long n) {
        if (n >= 1 && n <= 288) {
            return;
        }
        assertThatThrownBy(() -> schema.validate(Map.of("samples", n)))
                .isInstanceOf(InvalidArgumentsException.class)
                .hasMessageContaining("samples");
    }

    @Property
    void every_argument_the_schema_does_not_name_is_refused(
            @ForAll @AlphaChars @StringLength(min = 1, max = 12) String key) {
        if (key.equals("samples")) {
            return;
        }
        assertThatThrownBy(() -> schema.validate(Map.of(key, 1)))
                .isInstanceOf(InvalidArgumentsException.class)
                .hasMessageContaining(key);
    }
}
