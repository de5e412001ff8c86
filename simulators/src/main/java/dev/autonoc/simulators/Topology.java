package dev.autonoc.simulators;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The generated network: elements with their indices, and the graph between them. A function of
 * (preset, sites, seed) alone; immutable. Elements are indexed in generation order (core routers,
 * aggregation routers, radio sites, fibre links) and every array here is indexed by that.
 */
final class Topology {

    static final List<String> REGIONS = List.of("north", "south", "east", "west");

    static final String CORE = "core";
    static final String AGGREGATION = "aggregation";
    static final String CELL = "cell";
    static final String FIBRE = "fibre";

    final Preset preset;
    final int siteCount;
    final List<Element> elements;
    final Map<ElementId, Integer> index;
    final int coreCount;

    /** Element indices of core routers, aggregation routers, cells and links. */
    final int[] cores;

    final int[] aggs;
    final int[] cells;
    final int[] links;

    /** For a link, its two router endpoints; -1 otherwise. */
    final int[] linkA;

    final int[] linkB;

    /** For a router, the links that end on it. */
    final int[][] routerLinks;

    /** For a cell, its aggregation router; for an aggregation router, its cells. */
    final int[] aggOfCell;

    final int[][] cellsOfAgg;

    /** The core routers that hand traffic to the internet (the routing sink). */
    final boolean[] gateway;

    /** Peak traffic of each cell, Gbps (0 for other elements). */
    final double[] cellPeakGbps;

    /** Sites, in order: the aggregation sites, then the core points of presence. */
    final List<String> sites;

    final Map<String, String> regionOfSite;

    private Topology(Preset preset, int siteCount, long seed) {
        this.preset = preset;
        this.siteCount = siteCount;
        SplittableRandom rng = new SplittableRandom(seed ^ 0x70701091L);
        SplittableRandom homing = rng.split();
        SplittableRandom demand = rng.split();
        this.coreCount = coresOf(preset);
        int cellsPerSite = cellsPerSiteOf(preset);
        List<Element> out = new ArrayList<>();
        List<String> siteList = new ArrayList<>();
        Map<String, String> siteRegion = new HashMap<>();
        for (int s = 1; s <= siteCount; s++) {
            String site = "site-" + num(s);
            siteList.add(site);
            siteRegion.put(site, regionOf(s));
        }
        for (int c = 1; c <= coreCount; c++) {
            String site = "pop-" + num(c);
            siteList.add(site);
            siteRegion.put(site, regionOf(c));
        }
        cores = new int[coreCount];
        for (int c = 1; c <= coreCount; c++) {
            cores[c - 1] = out.size();
            out.add(
                    new Element(
                            ElementId.of(coreId(c)),
                            ElementKind.ROUTER,
                            CORE,
                            regionOf(c),
                            "pop-" + num(c)));
        }
        aggs = new int[siteCount];
        for (int s = 1; s <= siteCount; s++) {
            aggs[s - 1] = out.size();
            out.add(
                    new Element(
                            ElementId.of(aggId(s)),
                            ElementKind.ROUTER,
                            AGGREGATION,
                            regionOf(s),
                            "site-" + num(s)));
        }
        cells = new int[siteCount * cellsPerSite];
        int ci = 0;
        for (int s = 1; s <= siteCount; s++) {
            for (int k = 1; k <= cellsPerSite; k++) {
                cells[ci++] = out.size();
                out.add(
                        new Element(
                                ElementId.of("cell-" + num(s) + "-" + k),
                                ElementKind.RADIO,
                                CELL,
                                regionOf(s),
                                "site-" + num(s)));
            }
        }
        // Router pairs joined by fibre: the core ring, its diameters as chords, then each
        // aggregation router's two uplinks.
        List<int[]> pairs = new ArrayList<>();
        for (int c = 0; c < coreCount; c++) {
            pairs.add(new int[] {cores[c], cores[(c + 1) % coreCount]});
        }
        if (coreCount >= 4) {
            for (int c = 0; c < coreCount / 2; c++) {
                int opposite = c + coreCount / 2;
                if (opposite != c + 1 && (opposite + 1) % coreCount != c) {
                    pairs.add(new int[] {cores[c], cores[opposite]});
                }
            }
        }
        for (int s = 1; s <= siteCount; s++) {
            List<Integer> sameRegion = new ArrayList<>();
            for (int c = 1; c <= coreCount; c++) {
                if (regionOf(c).equals(regionOf(s))) {
                    sameRegion.add(c - 1);
                }
            }
            int primary =
                    sameRegion.isEmpty()
                            ? homing.nextInt(coreCount)
                            : sameRegion.get(homing.nextInt(sameRegion.size()));
            int step = homing.nextBoolean() ? 1 : coreCount - 1;
            int secondary = (primary + step) % coreCount;
            pairs.add(new int[] {aggs[s - 1], cores[primary]});
            pairs.add(new int[] {aggs[s - 1], cores[secondary]});
        }
        links = new int[pairs.size()];
        List<int[]> endpoints = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            int[] p = pairs.get(i);
            Element x = out.get(p[0]);
            Element y = out.get(p[1]);
            Element first = x.id().compareTo(y.id()) <= 0 ? x : y;
            Element second = first == x ? y : x;
            int a = first == x ? p[0] : p[1];
            int b = first == x ? p[1] : p[0];
            links[i] = out.size();
            endpoints.add(new int[] {a, b});
            out.add(
                    new Element(
                            ElementId.of("link-" + first.id() + "-" + second.id()),
                            ElementKind.LINK,
                            FIBRE,
                            first.region(),
                            first.site()));
        }
        this.elements = List.copyOf(out);
        int n = out.size();
        Map<ElementId, Integer> idx = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (idx.put(out.get(i).id(), i) != null) {
                throw new IllegalStateException("duplicate element id " + out.get(i).id());
            }
        }
        this.index = Map.copyOf(idx);
        linkA = new int[n];
        linkB = new int[n];
        Arrays.fill(linkA, -1);
        Arrays.fill(linkB, -1);
        List<List<Integer>> rl = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rl.add(new ArrayList<>());
        }
        for (int i = 0; i < links.length; i++) {
            int l = links[i];
            linkA[l] = endpoints.get(i)[0];
            linkB[l] = endpoints.get(i)[1];
            rl.get(linkA[l]).add(l);
            rl.get(linkB[l]).add(l);
        }
        routerLinks = new int[n][];
        for (int i = 0; i < n; i++) {
            routerLinks[i] = rl.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        aggOfCell = new int[n];
        Arrays.fill(aggOfCell, -1);
        cellsOfAgg = new int[n][];
        for (int i = 0; i < n; i++) {
            cellsOfAgg[i] = new int[0];
        }
        for (int s = 0; s < siteCount; s++) {
            int[] own = new int[cellsPerSite];
            for (int k = 0; k < cellsPerSite; k++) {
                own[k] = cells[s * cellsPerSite + k];
                aggOfCell[own[k]] = aggs[s];
            }
            cellsOfAgg[aggs[s]] = own;
        }
        gateway = new boolean[n];
        gateway[cores[0]] = true;
        gateway[cores[coreCount / 2]] = true;
        cellPeakGbps = new double[n];
        for (int c : cells) {
            cellPeakGbps[c] = 0.3 + 0.7 * demand.nextDouble();
        }
        this.sites = List.copyOf(siteList);
        this.regionOfSite = Map.copyOf(siteRegion);
    }

    static Topology generate(Preset preset, int sites, long seed) {
        if (sites < 1 || sites > 999) {
            throw new IllegalArgumentException("sites must be between 1 and 999, got " + sites);
        }
        return new Topology(preset, sites, seed);
    }

    static int defaultSites(Preset preset) {
        return switch (preset) {
            case METRO -> 8;
            case REGIONAL -> 40;
            case NATIONAL -> 200;
        };
    }

    static int coresOf(Preset preset) {
        return switch (preset) {
            case METRO -> 4;
            case REGIONAL -> 6;
            case NATIONAL -> 12;
        };
    }

    static int cellsPerSiteOf(Preset preset) {
        return switch (preset) {
            case METRO -> 6;
            case REGIONAL -> 8;
            case NATIONAL -> 9;
        };
    }

    /** Sites and core routers go round the regions in order: 1 north, 2 south, 3 east, 4 west. */
    static String regionOf(int oneBased) {
        return REGIONS.get((oneBased - 1) % REGIONS.size());
    }

    static String coreId(int c) {
        return "core-rtr-" + num(c);
    }

    static String aggId(int s) {
        return "agg-rtr-" + num(s);
    }

    private static String num(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    int size() {
        return elements.size();
    }

    Element element(int i) {
        return elements.get(i);
    }

    ElementKind kind(int i) {
        return elements.get(i).kind();
    }

    boolean isLink(int i) {
        return linkA[i] >= 0;
    }

    boolean isCell(int i) {
        return aggOfCell[i] >= 0;
    }

    boolean isAgg(int i) {
        return elements.get(i).role().equals(AGGREGATION);
    }

    boolean isCore(int i) {
        return elements.get(i).role().equals(CORE);
    }

    int other(int link, int router) {
        return linkA[link] == router ? linkB[link] : linkA[link];
    }

    /** A few valid ids, for error messages. */
    String someIds() {
        List<String> few = new ArrayList<>();
        few.add(elements.get(cores[0]).id().value());
        few.add(elements.get(aggs[0]).id().value());
        few.add(elements.get(cells[0]).id().value());
        few.add(elements.get(links[0]).id().value());
        return String.join(", ", few) + ", ...";
    }
}
