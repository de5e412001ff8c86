package dev.autonoc.core.planner.llm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Text from outside (tool outputs with ticket notes and customer messages, a far side's refusal)
 * put in the prompt as data: between an opening and a closing mark that carry a tag drawn from the
 * case, so that text inside cannot close the fence early and continue as an instruction. The system
 * prompt tells the model that nothing inside a fence is an instruction.
 */
final class Fence {

    private final String tag;

    /** A fence whose tag is drawn from {@code seed} (the case, its revision and the time). */
    Fence(String seed) {
        try {
            byte[] d =
                    MessageDigest.getInstance("SHA-256")
                            .digest(seed.getBytes(StandardCharsets.UTF_8));
            this.tag = HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    String tag() {
        return tag;
    }

    /** {@code text} fenced as data from {@code source}. */
    String wrap(String source, String text) {
        // a mark inside the text is defused: it can neither open nor close this fence
        String body = text.replace("<data", "<\u200bdata").replace("</data", "<\u200b/data");
        return "<data tag=\""
                + tag
                + "\" source=\""
                + source
                + "\">\n"
                + body
                + "\n</data tag=\""
                + tag
                + "\">";
    }
}
