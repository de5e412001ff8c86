package dev.autonoc.core.planner.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** What a model's tokens cost, and how the price is given. */
class PriceTest {

    @Test
    void tokens_cost_their_price_per_thousand_to_a_millionth() {
        Price price = Price.parse("0.15", "0.60", "usd");

        assertThat(price.priced()).isTrue();
        assertThat(price.currency()).isEqualTo("USD");
        assertThat(price.cost(21_400, 1_170)).isEqualByComparingTo("3.912");
        assertThat(price.cost(1, 0)).isEqualByComparingTo("0.000150");
        assertThat(price).hasToString("0.15 / 0.6 USD per 1,000 tokens in / out");
    }

    @Test
    void the_default_is_not_priced_rather_than_free() {
        assertThat(Price.NONE.priced()).isFalse();
        assertThat(Price.NONE).hasToString("not priced");
        assertThat(LlmSettings.of("http://localhost:11434/v1", "m").price()).isEqualTo(Price.NONE);
        assertThat(Price.parse("0", "0.00", "EUR").priced()).isFalse();
    }

    @Property(tries = 200)
    void the_cost_of_two_consultations_is_the_sum_of_their_costs_within_rounding(
            @ForAll @LongRange(max = 5_000_000) long in1,
            @ForAll @LongRange(max = 500_000) long out1,
            @ForAll @LongRange(max = 5_000_000) long in2,
            @ForAll @LongRange(max = 500_000) long out2) {
        Price price = Price.parse("0.0025", "0.01", "USD");
        BigDecimal apart = price.cost(in1, out1).add(price.cost(in2, out2));
        BigDecimal together = price.cost(in1 + in2, out1 + out2);
        assertThat(apart.subtract(together).abs()).isLessThanOrEqualTo(new BigDecimal("0.000001"));
        assertThat(together.signum()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void a_bad_price_is_refused_naming_the_value_and_what_is_accepted() {
        assertThatThrownBy(() -> Price.parse("-1", "0", "USD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be negative")
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> Price.parse("$0.15", "0", "USD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("price-input '$0.15' is not a price")
                .hasMessageContaining("e.g. 0.15");
        assertThatThrownBy(() -> Price.parse("0.15", "0.6", "dollars"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("three capital letters")
                .hasMessageContaining("DOLLARS");
    }

    @Test
    void settings_take_the_price_keys_and_keep_the_base_price_for_keys_not_given() {
        LlmSettings priced =
                LlmSettings.from(
                        Map.of(
                                "base-url", "http://localhost:8000/v1",
                                "model", "m",
                                "price-input", "0.5",
                                "price-output", "1.5",
                                "price-currency", "eur"),
                        Optional.empty());
        assertThat(priced.price()).isEqualTo(Price.parse("0.5", "1.5", "EUR"));

        LlmSettings cheaper = LlmSettings.from(Map.of("price-output", "1.0"), Optional.of(priced));
        assertThat(cheaper.price()).isEqualTo(Price.parse("0.5", "1.0", "EUR"));

        assertThatThrownBy(
                        () -> LlmSettings.from(Map.of("price-per-token", "1"), Optional.of(priced)))
                .hasMessageContaining("unknown LLM setting 'price-per-token'")
                .hasMessageContaining("price-input, price-output, price-currency");
    }
}
