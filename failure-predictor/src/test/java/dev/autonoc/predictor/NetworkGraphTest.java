package dev.autonoc.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkGraphTest {

    static Element e(String id, ElementKind kind, String role, String site) {
        return new Element(ElementId.of(id), kind, role, "north", site);
    }

    static final List<Element> NET =
            List.of(
                    e("core-rtr-01", ElementKind.ROUTER, "core", "pop-01"),
                    e("core-rtr-02", ElementKind.ROUTER, "core", "pop-02"),
                    e("agg-rtr-01", ElementKind.ROUTER, "aggregation", "site-01"),
                    e("cell-01-1", ElementKind.RADIO, "cell", "site-01"),
                    e("cell-01-2", ElementKind.RADIO, "cell", "site-01"),
                    e("link-core-rtr-01-core-rtr-02", ElementKind.LINK, "fibre", "pop-01"),
                    e("link-agg-rtr-01-core-rtr-01", ElementKind.LINK, "fibre", "site-01"));

    static List<String> ids(List<ElementId> ids) {
        return ids.stream().map(ElementId::value).toList();
    }

    @Test
    void links_touch_the_routers_their_names_join_and_radios_their_sites_aggregation_router() {
        NetworkGraph g = NetworkGraph.of(NET);
        int link = g.indexOf(ElementId.of("link-agg-rtr-01-core-rtr-01"));
        assertThat(g.neighbours(link))
                .containsExactlyInAnyOrder(
                        g.indexOf(ElementId.of("agg-rtr-01")),
                        g.indexOf(ElementId.of("core-rtr-01")));
        assertThat(g.neighbours(g.indexOf(ElementId.of("cell-01-1"))))
                .containsExactly(g.indexOf(ElementId.of("agg-rtr-01")));
    }

    @Test
    void two_hops_from_a_core_router_are_its_links_and_the_routers_at_their_other_ends() {
        NetworkGraph g = NetworkGraph.of(NET);
        assertThat(ids(g.withinTwoHops(ElementId.of("core-rtr-02"))))
                .containsExactlyInAnyOrder("link-core-rtr-01-core-rtr-02", "core-rtr-01");
        assertThat(ids(g.withinTwoHops(ElementId.of("agg-rtr-01"))))
                .containsExactlyInAnyOrder(
                        "cell-01-1", "cell-01-2", "link-agg-rtr-01-core-rtr-01", "core-rtr-01");
        assertThat(ids(g.withinTwoHops(ElementId.of("cell-01-1"))))
                .containsExactlyInAnyOrder(
                        "agg-rtr-01", "cell-01-2", "link-agg-rtr-01-core-rtr-01");
    }

    @Test
    void an_inventory_named_otherwise_takes_its_edges_as_given() {
        List<Element> net =
                List.of(
                        e("a", ElementKind.ROUTER, "core", "x"),
                        e("b", ElementKind.ROUTER, "core", "y"));
        NetworkGraph g =
                NetworkGraph.withEdges(net, List.of(List.of(ElementId.of("a"), ElementId.of("b"))));
        assertThat(ids(g.withinTwoHops(ElementId.of("a")))).containsExactly("b");
        assertThat(NetworkGraph.of(net).withinTwoHops(ElementId.of("a"))).isEmpty();
        assertThatThrownBy(
                        () ->
                                NetworkGraph.withEdges(
                                        net,
                                        List.of(List.of(ElementId.of("a"), ElementId.of("c")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in the inventory");
    }
}
