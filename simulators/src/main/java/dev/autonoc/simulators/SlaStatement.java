package dev.autonoc.simulators;

import java.time.YearMonth;
import java.util.Objects;

/**
 * One enterprise slice's SLA over one billing month (a calendar month, UTC), as the bill computes
 * it. The slice is unavailable while one of its sites has no service or loses traffic (a failure
 * before routing converges, work or a restart that was not drained first); it is over its latency
 * budget while one of its sites is served over a longer path than the budget allows or through a
 * congested link. Minutes of the month outside the run count as in service and within budget.
 *
 * <p>Each SLA is met when the slice is in that state for at least {@value #TARGET} of the month's
 * minutes (OPERATOR.md: availability 99.95 %; the latency SLA is held to the same share). A month
 * that breaches either earns the customer one credit of {@value #CREDIT_SHARE} of the monthly fee.
 *
 * @param minutesInMonth every minute of the calendar month (44,640 for January)
 * @param minutesUnavailable how long the slice was out of service in the month
 * @param minutesOverLatency how long it was served late in the month
 * @param creditDueGbp 5 % of the fee when either SLA was breached, else 0
 */
public record SlaStatement(
        String sliceId,
        String customerId,
        YearMonth month,
        double monthlyFeeGbp,
        long minutesInMonth,
        double minutesUnavailable,
        double minutesOverLatency,
        boolean availabilityBreached,
        boolean latencyBreached,
        double creditDueGbp) {

    /** The share of the month each SLA asks for. */
    public static final double TARGET = 0.9995;

    /** The credit for a breached month, as a share of the monthly fee. */
    public static final double CREDIT_SHARE = 0.05;

    public SlaStatement {
        Objects.requireNonNull(sliceId, "sliceId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(month, "month");
    }

    /**
     * The statement of a month from the seconds the slice spent unavailable and over its latency
     * budget: a breach is strictly more than {@code (1 - TARGET)} of the month's minutes.
     */
    public static SlaStatement assess(
            String sliceId,
            String customerId,
            YearMonth month,
            double monthlyFeeGbp,
            long secondsUnavailable,
            long secondsOverLatency) {
        if (monthlyFeeGbp < 0 || secondsUnavailable < 0 || secondsOverLatency < 0) {
            throw new IllegalArgumentException(
                    "fee and seconds must be >= 0, got fee "
                            + monthlyFeeGbp
                            + ", unavailable "
                            + secondsUnavailable
                            + " s, over latency "
                            + secondsOverLatency
                            + " s");
        }
        long minutes = month.lengthOfMonth() * 1_440L;
        // compared in seconds, exactly: allowed = (1 - TARGET) * minutes * 60 = minutes * 0.03
        long allowedTenThousandths = minutes * 60L * 5L; // seconds × 10,000 (1 - 0.9995 = 5/10,000)
        boolean down = secondsUnavailable * 10_000L > allowedTenThousandths;
        boolean late = secondsOverLatency * 10_000L > allowedTenThousandths;
        return new SlaStatement(
                sliceId,
                customerId,
                month,
                monthlyFeeGbp,
                minutes,
                secondsUnavailable / 60.0,
                secondsOverLatency / 60.0,
                down,
                late,
                down || late ? monthlyFeeGbp * CREDIT_SHARE : 0.0);
    }

    public boolean breached() {
        return availabilityBreached || latencyBreached;
    }

    /** The availability of the month: 1 - unavailable / all minutes. */
    public double availability() {
        return 1.0 - minutesUnavailable / minutesInMonth;
    }
}
