package dev.autonoc.audit;

import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Verify's fast path: reads a stored event's JSON once, building no tree, and says whether it is
 * for sure a readable event in canonical form, the same verdict as parsing it and comparing its
 * re-canonicalised text byte for byte ({@link CanonicalJson#parseEvent}, {@link
 * CanonicalJson#event}), which cost verify most of its time.
 *
 * <p>It only ever answers "yes" or "not sure": anything unusual (an escape in a string, a number
 * whose shortest form needs more than a quick look, a key out of order, bad syntax) is "not sure",
 * and the caller then runs the full check, which finds and words the problem. So this class can
 * make verify faster but never change its verdict, as long as its "yes" is right; {@code
 * FastEventCheckPropertiesTest} checks that against the full check.
 */
final class FastEventCheck {

    /** The indexed fields of an event, all that verify needs besides its canonical text. */
    record Header(
            AuditEventType type,
            String correlationId,
            String element,
            String actor,
            Instant simTime) {

        static Header of(AuditEvent e) {
            return new Header(e.type(), e.correlationId(), e.element(), e.actor(), e.simTime());
        }
    }

    private static final Map<String, AuditEventType> TYPES = new HashMap<>();

    static {
        for (AuditEventType t : AuditEventType.values()) {
            TYPES.put(t.name(), t);
        }
    }

    /** Not sure: the full check decides. Thrown without a stack trace, it costs little. */
    private static final class NotSure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final NotSure INSTANCE = new NotSure();

        private NotSure() {
            super(null, null, false, false);
        }
    }

    private final String s;
    private int pos;

    private FastEventCheck(String s) {
        this.s = s;
    }

    /** The event's header if the text is for sure a canonical, readable event; otherwise null. */
    static Header check(String json) {
        try {
            return new FastEventCheck(json).event();
        } catch (NotSure | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private Header event() {
        literal("{\"actor\":");
        String actor = plainString();
        literal(",\"correlation_id\":");
        String correlationId = plainString();
        literal(",\"element\":");
        String element = plainString();
        literal(",\"payload\":");
        if (s.charAt(pos) != '{') {
            throw NotSure.INSTANCE;
        }
        object(1, true);
        literal(",\"sim_time\":");
        String simTime = plainString();
        literal(",\"type\":");
        String typeName = plainString();
        literal("}");
        if (pos != s.length()) {
            throw NotSure.INSTANCE;
        }
        AuditEventType type = TYPES.get(typeName);
        if (type == null) {
            throw NotSure.INSTANCE;
        }
        Instant time = plainInstant(simTime);
        if (time == null) {
            try {
                time = Instant.parse(simTime);
            } catch (DateTimeException e) {
                throw NotSure.INSTANCE;
            }
            if (!time.toString().equals(simTime)) {
                throw NotSure.INSTANCE;
            }
        }
        return new Header(type, correlationId, element, actor, time);
    }

    /**
     * The instant of text that is for sure what {@link Instant#toString} writes for it, read
     * without the formatter (which took a sixth of verify's checking thread): {@code
     * yyyy-MM-ddTHH:mm:ssZ} or with a fraction of 3, 6 or 9 digits whose last three are not all
     * zero, years 0000..9999. Null for anything else, which the formatter then decides.
     */
    static Instant plainInstant(String t) {
        int n = t.length();
        if ((n != 20 && n != 24 && n != 27 && n != 30)
                || t.charAt(4) != '-'
                || t.charAt(7) != '-'
                || t.charAt(10) != 'T'
                || t.charAt(13) != ':'
                || t.charAt(16) != ':'
                || t.charAt(n - 1) != 'Z'
                || (n > 20 && t.charAt(19) != '.')) {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        int nanos = 0;
        if (n > 20) {
            int fraction = digits(t, 20, n - 1);
            if (fraction < 0 || digits(t, n - 4, n - 1) == 0) {
                return null; // not how toString writes it: trailing zeros are left out
            }
            nanos = fraction * (n == 24 ? 1_000_000 : n == 27 ? 1_000 : 1);
        }
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return null;
        }
        if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(
                epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number of t[from, to), or -1 if a character there is not a digit. */
    private static int digits(String t, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private void literal(String text) {
        if (!s.startsWith(text, pos)) {
            throw NotSure.INSTANCE;
        }
        pos += text.length();
    }

    /** A string with no escapes, returned as it is. */
    private String plainString() {
        int start = pos + 1;
        skipString();
        return s.substring(start, pos - 1);
    }

    /**
     * Skips a string that is canonical as it stands: no escape (a canonical string may have some,
     * but then the full check decides), no control character, no lone surrogate.
     */
    private void skipString() {
        if (s.charAt(pos) != '"') {
            throw NotSure.INSTANCE;
        }
        pos++;
        while (true) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return;
            }
            if (c == '\\' || c < 0x20) {
                throw NotSure.INSTANCE;
            }
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || !Character.isLowSurrogate(s.charAt(pos))) {
                    throw NotSure.INSTANCE;
                }
                pos++;
            }
        }
    }

    /**
     * An object whose opening brace is at {@code pos}, at document depth {@code depth}: keys in
     * strictly increasing UTF-16 order (so no duplicates), no whitespace.
     */
    private void object(int depth, boolean eventPayload) {
        pos++;
        if (s.charAt(pos) == '}') {
            pos++;
            return;
        }
        int previousStart = -1;
        int previousEnd = -1;
        while (true) {
            int keyStart = pos + 1;
            skipString();
            int keyEnd = pos - 1;
            if (previousStart >= 0 && compare(previousStart, previousEnd, keyStart, keyEnd) >= 0) {
                throw NotSure.INSTANCE;
            }
            previousStart = keyStart;
            previousEnd = keyEnd;
            if (s.charAt(pos++) != ':') {
                throw NotSure.INSTANCE;
            }
            if (eventPayload && s.charAt(pos) == 'n') {
                throw NotSure.INSTANCE; // the payload's own values cannot be null
            }
            value(depth + 1);
            char c = s.charAt(pos++);
            if (c == '}') {
                return;
            }
            if (c != ',') {
                throw NotSure.INSTANCE;
            }
        }
    }

    private void array(int depth) {
        pos++;
        if (s.charAt(pos) == ']') {
            pos++;
            return;
        }
        while (true) {
            value(depth + 1);
            char c = s.charAt(pos++);
            if (c == ']') {
                return;
            }
            if (c != ',') {
                throw NotSure.INSTANCE;
            }
        }
    }

    private void value(int depth) {
        if (depth > CanonicalJson.MAX_DEPTH) {
            throw NotSure.INSTANCE;
        }
        char c = s.charAt(pos);
        switch (c) {
            case '{' -> object(depth, false);
            case '[' -> array(depth);
            case '"' -> skipString();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    /**
     * A number in the form the canonical writer gives its parsed value: an integer (read as Long or
     * BigInteger, written as its digits) is canonical unless it is {@code -0}; a fraction or
     * exponent (read as a double, written in ECMAScript's shortest form) is checked quickly when it
     * is plain and short, else by formatting its double.
     */
    private void number() {
        int start = pos;
        boolean negative = s.charAt(pos) == '-';
        if (negative) {
            pos++;
        }
        int intStart = pos;
        char first = s.charAt(pos);
        if (first == '0') {
            pos++;
        } else if (first >= '1' && first <= '9') {
            while (pos < s.length() && isDigit(s.charAt(pos))) {
                pos++;
            }
        } else {
            throw NotSure.INSTANCE;
        }
        int intLength = pos - intStart;
        boolean zeroInt = first == '0';
        if (pos >= s.length()
                || (s.charAt(pos) != '.' && s.charAt(pos) != 'e' && s.charAt(pos) != 'E')) {
            if (negative && zeroInt) {
                throw NotSure.INSTANCE; // -0 reads as 0
            }
            return;
        }
        int fractionStart = -1;
        int fractionEnd = -1;
        if (s.charAt(pos) == '.') {
            pos++;
            fractionStart = pos;
            while (pos < s.length() && isDigit(s.charAt(pos))) {
                pos++;
            }
            fractionEnd = pos;
            if (fractionEnd == fractionStart) {
                throw NotSure.INSTANCE;
            }
        }
        boolean exponent = pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E');
        if (exponent) {
            pos++;
            if (s.charAt(pos) == '+' || s.charAt(pos) == '-') {
                pos++;
            }
            int digits = pos;
            while (pos < s.length() && isDigit(s.charAt(pos))) {
                pos++;
            }
            if (pos == digits) {
                throw NotSure.INSTANCE;
            }
        }
        if (!exponent && plainShortestFraction(zeroInt, intLength, fractionStart, fractionEnd)) {
            return;
        }
        String token = s.substring(start, pos);
        double d = Double.parseDouble(token);
        if (Double.isInfinite(d) || Double.isNaN(d)) {
            throw NotSure.INSTANCE;
        }
        if (!EcmaNumbers.format(d).equals(token)) {
            throw NotSure.INSTANCE;
        }
    }

    /**
     * Whether {@code int.fraction} (no exponent) is for sure ECMAScript's shortest form of its
     * double. ECMAScript writes a value in [1e-6, 1e21) as plain digits: {@code 0.} then at most
     * five zeros then the digits below 1, or the integer digits, a point and the rest, never a
     * trailing zero. Its digits are the fewest that read back to the same double; a decimal of at
     * most 15 significant digits is always that (a double keeps 15 decimal digits: two different
     * decimals of at most 15 digits never read as the same double, so none shorter reads back to
     * it).
     */
    private boolean plainShortestFraction(
            boolean zeroInt, int intLength, int fractionStart, int fractionEnd) {
        if (s.charAt(fractionEnd - 1) == '0') {
            return false; // a trailing zero is never canonical; the full check says so
        }
        int fractionLength = fractionEnd - fractionStart;
        int significant;
        if (zeroInt) {
            int zeros = 0;
            while (s.charAt(fractionStart + zeros) == '0') {
                zeros++;
            }
            if (zeros > 5) {
                return false;
            }
            significant = fractionLength - zeros;
        } else {
            if (intLength > 21) {
                return false;
            }
            significant = intLength + fractionLength;
        }
        if (significant <= 15) {
            return true;
        }
        return significant <= 17 && onlyDecimalOfItsLength(zeroInt, fractionStart, fractionEnd);
    }

    /**
     * For 16 or 17 significant digits: whether no decimal of one digit fewer, and no other of as
     * many digits, reads back as the same double, judged by the neighbours alone. The decimals that
     * read as one double form an interval around the token; if a shorter one were in it, the
     * token's neighbour of one digit fewer on that side would be too, and likewise for the
     * neighbours in its last digit. Then the shortest form has exactly these digits: the token's.
     * If a neighbour does read back as the same double, the full check decides.
     */
    private boolean onlyDecimalOfItsLength(boolean zeroInt, int fractionStart, int fractionEnd) {
        int intStart = fractionStart - 1 - (zeroInt ? 1 : 0);
        while (intStart > 0 && isDigit(s.charAt(intStart - 1))) {
            intStart--;
        }
        long unscaled = 0;
        for (int i = intStart; i < fractionEnd; i++) {
            char c = s.charAt(i);
            if (c != '.') {
                unscaled = unscaled * 10 + (c - '0');
            }
        }
        int scale = fractionEnd - fractionStart;
        double value = Double.parseDouble(s.substring(intStart, fractionEnd));
        long shorter = unscaled / 10;
        return !readsAs(shorter, scale - 1, value)
                && !readsAs(shorter + 1, scale - 1, value)
                && !readsAs(unscaled - 1, scale, value)
                && !readsAs(unscaled + 1, scale, value);
    }

    private static boolean readsAs(long unscaled, int scale, double value) {
        return Double.parseDouble(unscaled + "E-" + scale) == value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** String.compareTo of two regions of the text. */
    private int compare(int aStart, int aEnd, int bStart, int bEnd) {
        int aLength = aEnd - aStart;
        int bLength = bEnd - bStart;
        int n = Math.min(aLength, bLength);
        for (int i = 0; i < n; i++) {
            char a = s.charAt(aStart + i);
            char b = s.charAt(bStart + i);
            if (a != b) {
                return a - b;
            }
        }
        return aLength - bLength;
    }
}
