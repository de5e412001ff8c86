package dev.autonoc.simulators.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;

/**
 * Acting requests have one effect per idempotency key: the first answer to a key is kept and given
 * again for a repeat of the same request; the same key on another request is a 422. An answer that
 * says nothing happened (a 400, or a 5xx the caller will retry) is not kept, so a retry acts.
 */
final class FirstAnswers {

    private record Stored(String fingerprint, TmfReply reply) {}

    private final Map<String, Stored> answers = new HashMap<>();

    /**
     * The first answer for {@code key} on {@code endpoint}, or {@code act}'s on the request (with
     * its key) when there is none.
     */
    TmfReply once(
            String endpoint, TmfRequest request, String key, Function<TmfRequest, TmfReply> act) {
        String scope = endpoint + " " + key;
        String fingerprint = fingerprint(request);
        synchronized (answers) {
            Stored prior = answers.get(scope);
            if (prior != null) {
                if (!prior.fingerprint().equals(fingerprint)) {
                    return TmfReply.problem(
                            422,
                            "idempotency-key-reused",
                            "Idempotency key reused",
                            "key '"
                                    + key
                                    + "' was first used for another request to "
                                    + request.path(),
                            "the same key only for a retry of the same request; a new key for a new"
                                    + " call");
                }
                return prior.reply();
            }
            TmfReply reply = act.apply(request.withKey(key));
            if (reply.status() < 500 && reply.status() != 400) {
                answers.put(scope, new Stored(fingerprint, reply));
            }
            return reply;
        }
    }

    private static String fingerprint(TmfRequest r) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(
                    (r.method() + " " + r.path() + "\n" + r.body())
                            .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }
}
