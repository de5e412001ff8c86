package dev.autonoc.simulators;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The seconds each enterprise slice spends unavailable and over its latency budget, per billing
 * month (UTC calendar month), integrated by the world between its events and ticks; an interval
 * that crosses midnight at a month's end is split there.
 */
final class SlaLedger {

    private final List<Customers.Slice> slices;

    /** Per month: [slice][0] seconds unavailable, [slice][1] seconds over latency. */
    private final Map<YearMonth, long[][]> seconds = new TreeMap<>();

    SlaLedger(List<Customers.Slice> slices) {
        this.slices = List.copyOf(slices);
    }

    /** Adds [from, to) to each slice flagged unavailable or late over that interval. */
    void add(Instant from, Instant to, boolean[] unavailable, boolean[] late) {
        Instant start = from;
        while (start.isBefore(to)) {
            YearMonth month = monthOf(start);
            Instant monthEnd =
                    month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant end = to.isAfter(monthEnd) ? monthEnd : to;
            long s = end.getEpochSecond() - start.getEpochSecond();
            long[][] row = seconds.computeIfAbsent(month, m -> new long[slices.size()][2]);
            for (int i = 0; i < slices.size(); i++) {
                if (unavailable[i]) {
                    row[i][0] += s;
                }
                if (late[i]) {
                    row[i][1] += s;
                }
            }
            start = end;
        }
    }

    /** Every slice's statement for every month from {@code first} to {@code last}, in order. */
    List<SlaStatement> statements(Instant first, Instant last) {
        List<SlaStatement> out = new ArrayList<>();
        for (YearMonth m = monthOf(first); !m.isAfter(monthOf(last)); m = m.plusMonths(1)) {
            long[][] row = seconds.getOrDefault(m, new long[slices.size()][2]);
            for (int i = 0; i < slices.size(); i++) {
                Customers.Slice s = slices.get(i);
                out.add(
                        SlaStatement.assess(
                                s.id(),
                                s.customerId(),
                                m,
                                s.monthlyFeeGbp(),
                                row[i][0],
                                row[i][1]));
            }
        }
        return out;
    }

    static YearMonth monthOf(Instant t) {
        return YearMonth.from(t.atOffset(ZoneOffset.UTC));
    }
}
