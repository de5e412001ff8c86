package dev.autonoc.core.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** What a case learnt not to try: every call of the tool whose arguments hold all of the match. */
class ExclusionTest {

    static final Instant T = Instant.parse("2025-01-07T10:00:00Z");

    @Property(tries = 200)
    void a_call_is_excluded_exactly_when_its_arguments_hold_the_whole_match(
            @ForAll @AlphaChars @StringLength(min = 1, max = 6) String engineer,
            @ForAll @IntRange(min = 0, max = 23) int hour,
            @ForAll boolean sameEngineer,
            @ForAll boolean extraArgument) {
        Exclusion e =
                new Exclusion(
                        "dispatch_engineer",
                        Map.of("engineer_id", engineer, "hour", (long) hour),
                        "refused",
                        T);
        Map<String, Object> call = new HashMap<>();
        call.put("engineer_id", sameEngineer ? engineer : engineer + "x");
        call.put("hour", (double) hour); // a number matches as a number, whatever its type
        if (extraArgument) {
            call.put("task", "replace the fan");
        }

        assertThat(e.excludes("dispatch_engineer", call)).isEqualTo(sameEngineer);
        assertThat(e.excludes("order_part", call)).isFalse();
    }

    @Test
    void an_empty_match_excludes_the_tool_for_the_case() {
        Exclusion all = new Exclusion("dispatch_engineer", Map.of(), "denied", T);
        assertThat(all.excludes("dispatch_engineer", Map.of("engineer_id", "any"))).isTrue();
        assertThat(all.excludes("order_part", Map.of())).isFalse();
    }
}
