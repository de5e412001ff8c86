package dev.autonoc.policy;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The data a policy file declares beside its rules, for the rules to read: named lists of names
 * ({@code lists}, e.g. the elements never to touch automatically) and named calendars of time
 * windows ({@code calendars}, e.g. the change freezes). Rules see a list as {@code lists.NAME} (a
 * list of strings) and a calendar as {@code calendars.NAME}: true when the request's time falls in
 * one of its windows.
 */
final class PolicyData {

    private final Map<String, List<String>> lists;
    private final Map<String, Set<String>> listSets;
    private final Map<String, List<Window>> calendars;
    private final Map<String, Object> listsVariable;

    /** No lists, no calendars. */
    static final PolicyData EMPTY = new PolicyData(Map.of(), Map.of());

    /**
     * One window of a calendar: from {@code from} (included) to {@code to} (excluded), UTC.
     *
     * @param description why the window is there (free text, may be empty)
     */
    record Window(Instant from, Instant to, String description) {
        Window {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(description, "description");
            if (!to.isAfter(from)) {
                throw new IllegalArgumentException(
                        "a window ends after it starts: " + from + ", " + to);
            }
        }

        boolean contains(Instant t) {
            return !t.isBefore(from) && t.isBefore(to);
        }
    }

    PolicyData(Map<String, List<String>> lists, Map<String, List<Window>> calendars) {
        Map<String, List<String>> l = new LinkedHashMap<>();
        Map<String, Set<String>> sets = new HashMap<>();
        lists.forEach(
                (name, items) -> {
                    l.put(name, List.copyOf(items));
                    sets.put(name, Set.copyOf(items));
                });
        this.lists = Collections.unmodifiableMap(l);
        this.listSets = Map.copyOf(sets);
        this.listsVariable = Collections.unmodifiableMap(new LinkedHashMap<>(this.lists));
        Map<String, List<Window>> c = new LinkedHashMap<>();
        calendars.forEach((name, windows) -> c.put(name, List.copyOf(windows)));
        this.calendars = Collections.unmodifiableMap(c);
    }

    /** The lists by name, in file order. */
    Map<String, List<String>> lists() {
        return lists;
    }

    /** The calendars by name, in file order. */
    Map<String, List<Window>> calendars() {
        return calendars;
    }

    /** The list {@code name} as a set, for membership tests; null when there is no such list. */
    Set<String> listSet(String name) {
        return listSets.get(name);
    }

    /** The {@code lists} variable: every list by name. */
    Map<String, Object> listsVariable() {
        return listsVariable;
    }

    /**
     * The {@code calendars} variable at {@code t}: per calendar, whether a window holds {@code t}.
     */
    Map<String, Object> calendarsAt(Instant t) {
        if (calendars.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Window>> calendar : calendars.entrySet()) {
            boolean open = false;
            for (Window w : calendar.getValue()) {
                open |= w.contains(t);
            }
            out.put(calendar.getKey(), open);
        }
        return Collections.unmodifiableMap(out);
    }
}
