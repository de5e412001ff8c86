package dev.autonoc.audit;

/** Lowercase hex, as the ledger writes hashes. */
public final class Hex {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    /** The value of each lowercase hex digit by its char, -1 for any other char below 128. */
    private static final byte[] VALUES = new byte[128];

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < DIGITS.length; i++) {
            VALUES[DIGITS[i]] = (byte) i;
        }
    }

    private Hex() {}

    public static String encode(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xF];
        }
        return new String(out);
    }

    /**
     * @throws IllegalArgumentException if the text is not an even number of lowercase hex digits
     */
    public static byte[] decode(String hex) {
        if (hex.length() % 2 != 0) {
            throw new IllegalArgumentException("hex text has an odd length: " + hex.length());
        }
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = digit(hex, 2 * i);
            int lo = digit(hex, 2 * i + 1);
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    private static int digit(String hex, int at) {
        char c = hex.charAt(at);
        if (c < 128 && VALUES[c] >= 0) {
            return VALUES[c];
        }
        throw new IllegalArgumentException(
                "not a lowercase hex digit at offset " + at + ": '" + c + "'");
    }
}
