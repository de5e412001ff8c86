package dev.autonoc.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the gate's guards counted before one request, as the rules see it under {@code history}.
 *
 * @param spendToday GBP spent by successful act calls on the request's UTC day
 * @param actCallsToday successful act calls on that day, all elements
 * @param actCallsElementToday successful act calls on that day on the request's element
 * @param elementUnderWork whether the request's element is under work at the request's time
 * @param elementsUnderWorkRegion elements of the request's region under work, this one included
 *     when it is
 * @param otherElementsUnderWorkRegion the same without the request's element
 * @param elementsUnderWork elements under work in every region
 */
record History(
        double spendToday,
        long actCallsToday,
        long actCallsElementToday,
        boolean elementUnderWork,
        long elementsUnderWorkRegion,
        long otherElementsUnderWorkRegion,
        long elementsUnderWork) {

    /** The keys of the {@code history} variable; a rule that names another is refused at load. */
    static final java.util.List<String> KEYS =
            java.util.List.of(
                    "spend_today",
                    "act_calls_today",
                    "act_calls_element_today",
                    "element_under_work",
                    "elements_under_work_region",
                    "other_elements_under_work_region",
                    "elements_under_work");

    /** As the CEL variable: money as double, counts as int (CEL int is a Java Long). */
    Map<String, Object> toVariable() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("spend_today", spendToday);
        m.put("act_calls_today", actCallsToday);
        m.put("act_calls_element_today", actCallsElementToday);
        m.put("element_under_work", elementUnderWork);
        m.put("elements_under_work_region", elementsUnderWorkRegion);
        m.put("other_elements_under_work_region", otherElementsUnderWorkRegion);
        m.put("elements_under_work", elementsUnderWork);
        return java.util.Collections.unmodifiableMap(m);
    }
}
