package dev.autonoc.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A policy file's own data, {@code lists:} and {@code calendars:}, which its rules read as {@code
 * lists.NAME} and {@code calendars.NAME}: names checked, windows with a start before their end.
 */
final class PolicyDataReader {

    private static final List<String> WINDOW_KEYS = List.of("from", "to", "description");
    private static final Pattern DATA_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private final PolicyYaml yaml;

    PolicyDataReader(PolicyYaml yaml) {
        this.yaml = yaml;
    }

    /** {@code lists:}: name to a list of names. */
    Map<String, List<String>> lists(YamlNode.Mapping.Entry entry) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (entry == null) {
            return out;
        }
        YamlNode.Mapping lists =
                yaml.mapping(entry.value(), "'lists'", "a list of names per list name");
        for (YamlNode.Mapping.Entry list : lists.entries().values()) {
            String name = dataName(list, "list");
            if (!(list.value() instanceof YamlNode.Sequence items)) {
                throw yaml.error(
                        list.value().line(),
                        "list '"
                                + name
                                + "' must be a list of names, found "
                                + list.value().describe());
            }
            List<String> names = new ArrayList<>();
            for (YamlNode item : items.items()) {
                if (item instanceof YamlNode.Scalar sc
                        && sc.value() instanceof String text
                        && !text.isBlank()) {
                    names.add(text);
                } else {
                    throw yaml.error(
                            item.line(),
                            "list '" + name + "' holds names (text), found " + item.describe());
                }
            }
            out.put(name, names);
        }
        return out;
    }

    /** {@code calendars:}: name to a list of windows {from, to, description}. */
    Map<String, List<PolicyData.Window>> calendars(YamlNode.Mapping.Entry entry) {
        Map<String, List<PolicyData.Window>> out = new LinkedHashMap<>();
        if (entry == null) {
            return out;
        }
        YamlNode.Mapping calendars =
                yaml.mapping(entry.value(), "'calendars'", "a list of windows per calendar name");
        for (YamlNode.Mapping.Entry calendar : calendars.entries().values()) {
            String name = dataName(calendar, "calendar");
            if (!(calendar.value() instanceof YamlNode.Sequence items)) {
                throw yaml.error(
                        calendar.value().line(),
                        "calendar '"
                                + name
                                + "' must be a list of windows ({from: ..., to: ...}), found "
                                + calendar.value().describe());
            }
            List<PolicyData.Window> windows = new ArrayList<>();
            for (YamlNode item : items.items()) {
                String where = "calendar '" + name + "': ";
                YamlNode.Mapping w =
                        yaml.mapping(
                                item, where + "a window", "from, to and an optional description");
                yaml.checkKeys(w, WINDOW_KEYS, "in a window of calendar '" + name + "'");
                YamlNode.Mapping.Entry from = yaml.required(w, "from", "when the window opens");
                YamlNode.Mapping.Entry to = yaml.required(w, "to", "when the window closes");
                Instant start = instant(where, from);
                Instant end = instant(where, to);
                if (!end.isAfter(start)) {
                    throw yaml.error(
                            to.value().line(),
                            where
                                    + "the window ends ("
                                    + end
                                    + ") before it starts ("
                                    + start
                                    + ")");
                }
                windows.add(
                        new PolicyData.Window(
                                start, end, yaml.optionalText(w, "description").orElse("")));
            }
            out.put(name, windows);
        }
        return out;
    }

    private String dataName(YamlNode.Mapping.Entry entry, String what) {
        if (!DATA_NAME.matcher(entry.key()).matches()) {
            throw yaml.error(
                    entry.keyLine(),
                    what
                            + " name '"
                            + entry.key()
                            + "' is not accepted; names are lowercase letters, digits and '_',"
                            + " starting with a letter or '_' (rules read them as "
                            + what
                            + "s.NAME)");
        }
        return entry.key();
    }

    /** An instant {@code 2025-12-19T18:00:00Z}, or a date {@code 2025-12-19} for its 00:00 UTC. */
    private Instant instant(String where, YamlNode.Mapping.Entry e) {
        String text =
                e.value() instanceof YamlNode.Scalar sc && sc.value() != null
                        ? sc.value().toString()
                        : "";
        try {
            return text.length() == 10
                    ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeParseException ex) {
            throw yaml.error(
                    e.value().line(),
                    where
                            + "'"
                            + e.key()
                            + "' is '"
                            + text
                            + "'; accepted: a UTC instant such as 2025-12-19T18:00:00Z or a date"
                            + " such as 2025-12-19 (its 00:00 UTC)");
        }
    }
}
