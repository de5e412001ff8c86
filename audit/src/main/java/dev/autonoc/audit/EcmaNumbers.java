package dev.autonoc.audit;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Doubles written as ECMAScript's {@code Number.prototype.toString} writes them, which is what RFC
 * 8785 prescribes: the shortest decimal that reads back as the same double, in plain notation
 * between 1e-7 and 1e21 and exponent notation outside.
 *
 * <p>We do not use {@link Double#toString}: before Java 19 it sometimes gives more digits than
 * needed (JDK-4511638), and its output changed in Java 19, so the same event would hash differently
 * on different JDKs.
 */
final class EcmaNumbers {

    /** Below 2^53 every integer is a double, so its exact digits are also its shortest ones. */
    private static final double EXACT_INTEGERS = 9007199254740992.0;

    private EcmaNumbers() {}

    static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new CanonicalJsonException(
                    "", value + " has no JSON form: NaN and Infinity are not JSON numbers");
        }
        if (value == 0) {
            return "0"; // -0 too, as ECMAScript writes it
        }
        if (Math.abs(value) < EXACT_INTEGERS && value == Math.rint(value)) {
            return Long.toString((long) value);
        }
        double magnitude = Math.abs(value);
        BigDecimal shortest = shortest(magnitude).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale(); // value = digits * 10^(n - k)
        StringBuilder out = new StringBuilder(24);
        if (value < 0) {
            out.append('-');
        }
        if (k <= n && n <= 21) {
            out.append(digits);
            out.append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            int exponent = n - 1;
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(exponent >= 0 ? '+' : '-').append(Math.abs(exponent));
        }
        return out.toString();
    }

    /**
     * The decimal with the fewest significant digits that reads back as {@code magnitude}; among
     * those of that length, the closest. Reading back is monotone in the number of digits (a
     * p-digit decimal is also a (p+1)-digit one), so a binary search over 1..17 digits finds it.
     */
    private static BigDecimal shortest(double magnitude) {
        BigDecimal exact = new BigDecimal(magnitude);
        int low = 1;
        int high = 17; // 17 significant digits always read back
        BigDecimal best = candidate(exact, magnitude, high);
        while (low < high) {
            int mid = (low + high) >>> 1;
            BigDecimal found = candidate(exact, magnitude, mid);
            if (found != null) {
                best = found;
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        if (best == null) {
            throw new IllegalStateException("no 17-digit decimal reads back as " + magnitude);
        }
        return best;
    }

    /** The closest p-digit decimal that reads back, or null if neither neighbour does. */
    private static BigDecimal candidate(BigDecimal exact, double magnitude, int digits) {
        BigDecimal nearest = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
        if (nearest.doubleValue() == magnitude) {
            return nearest;
        }
        // Just above a power of two the gap below is half the gap above, so the nearest p-digit
        // decimal may fall outside while the one on the other side still reads back.
        BigDecimal other =
                nearest.compareTo(exact) > 0
                        ? nearest.subtract(nearest.ulp())
                        : nearest.add(nearest.ulp());
        return other.doubleValue() == magnitude ? other : null;
    }
}
