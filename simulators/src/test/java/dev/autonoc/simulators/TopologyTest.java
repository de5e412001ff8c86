package dev.autonoc.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementKind;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopologyTest {

    private static long count(List<Element> elements, Predicate<Element> p) {
        return elements.stream().filter(p).count();
    }

    @ParameterizedTest
    @CsvSource({"METRO, 8, 4, 48", "REGIONAL, 40, 6, 320", "NATIONAL, 200, 12, 1800"})
    void each_preset_has_the_sizes_of_the_operator_page(
            Preset preset, int sites, int cores, int cells) {
        List<Element> elements = OperatorTwin.topology(preset, OptionalInt.empty(), 1);

        assertThat(count(elements, e -> e.role().equals("core"))).isEqualTo(cores);
        assertThat(count(elements, e -> e.role().equals("aggregation"))).isEqualTo(sites);
        assertThat(count(elements, e -> e.kind() == ElementKind.RADIO)).isEqualTo(cells);
        long links = count(elements, e -> e.kind() == ElementKind.LINK);
        // two uplinks per aggregation router, plus the core ring and its chords
        assertThat(links).isBetween(2L * sites + cores, 2L * sites + 2L * cores);
    }

    @Test
    void names_follow_the_scenario_readme() {
        List<Element> metro = OperatorTwin.topology(Preset.METRO, OptionalInt.empty(), 7);

        assertThat(metro)
                .extracting(e -> e.id().value())
                .contains(
                        "core-rtr-01",
                        "core-rtr-04",
                        "agg-rtr-01",
                        "agg-rtr-08",
                        "cell-01-1",
                        "cell-08-6",
                        "link-core-rtr-01-core-rtr-02");
        Element agg3 = find(metro, "agg-rtr-03");
        assertThat(agg3.region()).isEqualTo("east");
        assertThat(find(metro, "agg-rtr-05").region()).isEqualTo("north");
        assertThat(find(metro, "core-rtr-02").region()).isEqualTo("south");
        assertThat(find(metro, "cell-03-2").region()).isEqualTo("east");
        assertThat(find(metro, "cell-03-2").site()).isEqualTo(agg3.site());
        for (Element link : metro.stream().filter(e -> e.kind() == ElementKind.LINK).toList()) {
            String rest = link.id().value().substring("link-".length());
            assertThat(link.role()).isEqualTo("fibre");
            // ids sorted: the first router named sorts before the second, and gives the region
            int split = rest.indexOf("-", rest.indexOf("rtr-") + 4);
            String first = rest.substring(0, split);
            String second = rest.substring(split + 1);
            assertThat(first.compareTo(second)).isNegative();
            assertThat(link.region()).isEqualTo(find(metro, first).region());
        }
    }

    @Test
    void cells_attach_to_their_aggregation_router_without_a_link_element() {
        List<Element> metro = OperatorTwin.topology(Preset.METRO, OptionalInt.empty(), 7);

        assertThat(metro)
                .noneMatch(e -> e.id().value().contains("cell") && e.kind() == ElementKind.LINK);
    }

    @Test
    void the_same_preset_sites_and_seed_give_the_same_network_and_another_seed_another() {
        List<Element> a = OperatorTwin.topology(Preset.REGIONAL, OptionalInt.of(12), 5);
        List<Element> b = OperatorTwin.topology(Preset.REGIONAL, OptionalInt.of(12), 5);
        List<Element> c = OperatorTwin.topology(Preset.REGIONAL, OptionalInt.of(12), 6);

        assertThat(a).isEqualTo(b);
        assertThat(count(a, e -> e.role().equals("aggregation"))).isEqualTo(12);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void warehouses_are_central_and_one_per_region() {
        assertThat(Stock.knownWarehouse("central")).isTrue();
        assertThat(Topology.REGIONS).containsExactly("north", "south", "east", "west");
        assertThat(Topology.REGIONS).allMatch(Stock::knownWarehouse);
        assertThat(Stock.knownWarehouse("narnia")).isFalse();
    }

    private static Element find(List<Element> elements, String id) {
        return elements.stream().filter(e -> e.id().value().equals(id)).findFirst().orElseThrow();
    }
}
