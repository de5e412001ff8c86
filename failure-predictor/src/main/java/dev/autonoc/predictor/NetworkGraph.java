package dev.autonoc.predictor;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which elements touch which: a fibre link touches the two routers it joins, a radio site touches
 * the aggregation router of its site. Elements are numbered in the order of the inventory given.
 *
 * <p>{@link #of} reads the graph off the inventory the predictor is handed, by the names every
 * operator preset uses (the scenario format's "Names in a generated network"): a link is named
 * {@code link-<a>-<b>} after the routers it joins, and a radio site shares its {@code site} with
 * one aggregation router. An inventory named otherwise gets its edges from {@link #withEdges}.
 */
public final class NetworkGraph {

    private final List<Element> elements;
    private final Map<ElementId, Integer> index;
    private final int[][] neighbours;
    private final int[][] withinTwoHops;

    private NetworkGraph(List<Element> elements, List<int[]> edges) {
        this.elements = List.copyOf(elements);
        this.index = new HashMap<>();
        for (int i = 0; i < this.elements.size(); i++) {
            if (index.put(this.elements.get(i).id(), i) != null) {
                throw new IllegalArgumentException(
                        "the inventory names " + this.elements.get(i).id() + " twice");
            }
        }
        int n = this.elements.size();
        List<List<Integer>> adj = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            adj.add(new ArrayList<>());
        }
        for (int[] e : edges) {
            if (e[0] != e[1] && !adj.get(e[0]).contains(e[1])) {
                adj.get(e[0]).add(e[1]);
                adj.get(e[1]).add(e[0]);
            }
        }
        neighbours = new int[n][];
        for (int i = 0; i < n; i++) {
            neighbours[i] = adj.get(i).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        withinTwoHops = new int[n][];
        boolean[] seen = new boolean[n];
        for (int i = 0; i < n; i++) {
            List<Integer> out = new ArrayList<>();
            seen[i] = true;
            for (int a : neighbours[i]) {
                if (!seen[a]) {
                    seen[a] = true;
                    out.add(a);
                }
                for (int b : neighbours[a]) {
                    if (!seen[b]) {
                        seen[b] = true;
                        out.add(b);
                    }
                }
            }
            for (int k : out) {
                seen[k] = false;
            }
            seen[i] = false;
            withinTwoHops[i] = out.stream().mapToInt(Integer::intValue).sorted().toArray();
        }
    }

    /** The graph the preset names describe (links by their routers, radios by their site). */
    public static NetworkGraph of(List<Element> elements) {
        Objects.requireNonNull(elements, "elements");
        Map<String, Integer> routers = new HashMap<>();
        Map<String, Integer> aggregationBySite = new HashMap<>();
        for (int i = 0; i < elements.size(); i++) {
            Element e = elements.get(i);
            if (e.kind() == ElementKind.ROUTER) {
                routers.put(e.id().value(), i);
                if ("aggregation".equals(e.role())) {
                    aggregationBySite.putIfAbsent(e.site(), i);
                }
            }
        }
        List<int[]> edges = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            Element e = elements.get(i);
            if (e.kind() == ElementKind.LINK) {
                int[] ends = endpoints(e.id().value(), routers);
                if (ends != null) {
                    edges.add(new int[] {i, ends[0]});
                    edges.add(new int[] {i, ends[1]});
                }
            } else if (e.kind() == ElementKind.RADIO) {
                Integer agg = aggregationBySite.get(e.site());
                if (agg != null) {
                    edges.add(new int[] {i, agg});
                }
            }
        }
        return new NetworkGraph(elements, edges);
    }

    /**
     * A graph with the edges given (pairs of element ids that touch).
     *
     * @throws IllegalArgumentException if an edge names an element not in the inventory
     */
    public static NetworkGraph withEdges(List<Element> elements, List<List<ElementId>> edges) {
        Objects.requireNonNull(elements, "elements");
        Map<ElementId, Integer> idx = new HashMap<>();
        for (int i = 0; i < elements.size(); i++) {
            idx.put(elements.get(i).id(), i);
        }
        List<int[]> pairs = new ArrayList<>();
        for (List<ElementId> edge : edges) {
            if (edge.size() != 2) {
                throw new IllegalArgumentException(
                        "an edge names two elements, got " + edge.size() + ": " + edge);
            }
            Integer a = idx.get(edge.get(0));
            Integer b = idx.get(edge.get(1));
            if (a == null || b == null) {
                throw new IllegalArgumentException(
                        "the edge " + edge + " names an element not in the inventory");
            }
            pairs.add(new int[] {a, b});
        }
        return new NetworkGraph(elements, pairs);
    }

    /** The two routers a link named {@code link-<a>-<b>} joins, or null if the name says none. */
    private static int[] endpoints(String linkId, Map<String, Integer> routers) {
        if (!linkId.startsWith("link-")) {
            return null;
        }
        String rest = linkId.substring("link-".length());
        for (int cut = rest.indexOf('-'); cut > 0; cut = rest.indexOf('-', cut + 1)) {
            Integer a = routers.get(rest.substring(0, cut));
            Integer b = routers.get(rest.substring(cut + 1));
            if (a != null && b != null) {
                return new int[] {a, b};
            }
        }
        return null;
    }

    public int size() {
        return elements.size();
    }

    /** The element's number, or -1 if the inventory does not hold it. */
    public int indexOf(ElementId id) {
        Integer i = index.get(id);
        return i == null ? -1 : i;
    }

    public Element element(int i) {
        return elements.get(i);
    }

    /** The elements that touch element {@code i}, by number. */
    public int[] neighbours(int i) {
        return neighbours[i].clone();
    }

    /** The elements one or two hops from element {@code i} (itself excluded), by number. */
    public int[] withinTwoHops(int i) {
        return withinTwoHops[i].clone();
    }

    /** The same, without a copy: for the predictor's hot path. */
    int[] withinTwoHopsShared(int i) {
        return withinTwoHops[i];
    }

    int[] neighboursShared(int i) {
        return neighbours[i];
    }

    /** The ids one or two hops from the element. */
    public List<ElementId> withinTwoHops(ElementId id) {
        int i = indexOf(id);
        if (i < 0) {
            throw new IllegalArgumentException("unknown element " + id);
        }
        return Arrays.stream(withinTwoHops[i]).mapToObj(k -> elements.get(k).id()).toList();
    }
}
