package dev.autonoc.policy;

/**
 * The one rule the policy's text scanners share about CEL source: what is code and what is inside a
 * string literal ({@code '…'} or {@code "…"}, a backslash escaping the character after it).
 * Brackets, operators and blanks count only outside literals.
 */
final class CelText {

    private CelText() {}

    /**
     * Which characters of {@code source}, from {@code from} on, are code: outside a string literal
     * and not a quote that opens or closes one. Characters before {@code from} are not code.
     */
    static boolean[] code(String source, int from) {
        boolean[] code = new boolean[source.length()];
        char quote = 0;
        for (int i = from; i < source.length(); i++) {
            char c = source.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else {
                code[i] = true;
            }
        }
        return code;
    }
}
