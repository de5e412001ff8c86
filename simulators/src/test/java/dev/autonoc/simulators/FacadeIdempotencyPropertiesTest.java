package dev.autonoc.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.simulators.http.TmfHttpFacade;
import dev.autonoc.tools.http.TmfHttpClients;
import dev.autonoc.tools.oss.OssException;
import dev.autonoc.tools.oss.ProductOrder;
import dev.autonoc.tools.oss.ProductOrderRequest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Idempotency at the HTTP edge, over any sequence of calls with repeated keys. */
class FacadeIdempotencyPropertiesTest {

    @Property(tries = 15)
    void each_key_orders_once_and_a_repeat_gets_the_first_order(
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 4) Integer> keys) {
        OperatorTwin twin = Specs.metro(1).twin();
        try (TmfHttpFacade facade = TmfHttpFacade.start(twin)) {
            var ordering = TmfHttpClients.over(facade.baseUri()).productOrdering();
            var request = new ProductOrderRequest("PSU", "central", "site-01", "agg-rtr-01", false);
            long before = TwinStock.centralPsus(twin);
            Map<Integer, ProductOrder> first = new HashMap<>();
            Set<Integer> refused = new HashSet<>();
            for (int key : keys) {
                try {
                    ProductOrder order = ordering.order(request, "key-" + key);
                    assertThat(refused).doesNotContain(key);
                    assertThat(first.putIfAbsent(key, order)).isIn(null, order);
                } catch (OssException e) {
                    assertThat(e.retriable()).isFalse();
                    assertThat(first).doesNotContainKey(key);
                    refused.add(key);
                }
            }
            assertThat(TwinStock.centralPsus(twin)).isEqualTo(before - first.size());
        }
    }
}
