package dev.autonoc.audit;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One JSON Lines export line per entry: {@code {"event":{…},"hash":…,"previous_hash":…,
 * "recorded_at":…,"sequence":…}}. The keys are in sorted order and the event is embedded as its
 * canonical JSON, so each line is itself canonical JSON, and a reader can get the event's exact
 * hashed text back by re-canonicalising the parsed line.
 */
final class ExportLines {

    private static final Set<String> KEYS =
            Set.of("event", "hash", "previous_hash", "recorded_at", "sequence");
    private static final Set<String> CHECKPOINT_KEYS =
            Set.of("root_hash", "signature", "time", "tree_size");
    private static final Set<String> FINAL_CHECKPOINT_KEYS =
            Set.of("final", "root_hash", "signature", "time", "tree_size");
    private static final Set<String> ARCHIVED_KEYS = Set.of("frontier", "head_hash", "tree_size");

    private ExportLines() {}

    static String format(StoredEntry entry) {
        StringBuilder line = new StringBuilder(entry.eventJson().length() + 220);
        line.append("{\"event\":").append(entry.eventJson());
        line.append(",\"hash\":").append(CanonicalJson.canonicalise(entry.hash()));
        line.append(",\"previous_hash\":").append(CanonicalJson.canonicalise(entry.previousHash()));
        line.append(",\"recorded_at\":\"").append(entry.recordedAt()).append('"');
        line.append(",\"sequence\":").append(entry.sequence()).append('}');
        return line.toString();
    }

    /**
     * A checkpoint line, {@code {"checkpoint":{"root_hash":…,"signature":…,"time":…,
     * "tree_size":…}}}, written right after the entry at its tree size; a final checkpoint starts
     * with {@code "final":true} and is the file's last line.
     */
    static String format(Checkpoint c) {
        return "{\"checkpoint\":{"
                + (c.last() ? "\"final\":true," : "")
                + "\"root_hash\":"
                + CanonicalJson.canonicalise(c.rootHash())
                + ",\"signature\":"
                + CanonicalJson.canonicalise(c.signature())
                + ",\"time\":\""
                + c.time()
                + "\",\"tree_size\":"
                + c.treeSize()
                + "}}";
    }

    /**
     * The first line of an export or archive file that starts after archived entries: {@code
     * {"archived":{"frontier":[…],"head_hash":…,"tree_size":…}}}.
     */
    static String format(ArchivedPrefix prefix) {
        StringBuilder line = new StringBuilder(120 + 67 * prefix.frontier().size());
        line.append("{\"archived\":{\"frontier\":[");
        for (int i = 0; i < prefix.frontier().size(); i++) {
            line.append(i == 0 ? "" : ",")
                    .append(CanonicalJson.canonicalise(prefix.frontier().get(i)));
        }
        return line.append("],\"head_hash\":")
                .append(CanonicalJson.canonicalise(prefix.headHash()))
                .append(",\"tree_size\":")
                .append(prefix.treeSize())
                .append("}}")
                .toString();
    }

    /**
     * A {@link StoredEntry}, a {@link Checkpoint} or an {@link ArchivedPrefix}.
     *
     * @throws CanonicalJsonException if the line is not an export line in canonical form
     */
    static Object parse(String line) {
        if (!(CanonicalJson.parse(line) instanceof Map<?, ?> tree)) {
            throw new CanonicalJsonException("", "an export line must be a JSON object");
        }
        if (tree.keySet().equals(Set.of("checkpoint"))) {
            return checkpoint(tree, line);
        }
        if (tree.keySet().equals(Set.of("archived"))) {
            return archived(tree, line);
        }
        if (!tree.keySet().equals(KEYS)) {
            throw new CanonicalJsonException(
                    "", "an export line has exactly the keys " + KEYS + ", found " + tree.keySet());
        }
        if (!(tree.get("sequence") instanceof Long sequence)) {
            throw new CanonicalJsonException("sequence", "must be an integer");
        }
        Instant recordedAt;
        try {
            recordedAt = Instant.parse(text(tree, "recorded_at"));
        } catch (DateTimeException e) {
            throw new CanonicalJsonException("recorded_at", "not an ISO-8601 UTC instant");
        }
        if (!(tree.get("event") instanceof Map<?, ?> event)) {
            throw new CanonicalJsonException("event", "must be a JSON object");
        }
        if (!CanonicalJson.canonicalise(tree).equals(line)) {
            // Only a canonical line gives back the exact bytes the hash was made over.
            throw new CanonicalJsonException(
                    "", "entry " + sequence + " is not in canonical form as exported");
        }
        return new StoredEntry(
                sequence,
                recordedAt,
                text(tree, "previous_hash"),
                text(tree, "hash"),
                CanonicalJson.canonicalise(event));
    }

    private static Checkpoint checkpoint(Map<?, ?> line, String text) {
        if (!(line.get("checkpoint") instanceof Map<?, ?> tree)
                || !(tree.keySet().equals(CHECKPOINT_KEYS)
                        || tree.keySet().equals(FINAL_CHECKPOINT_KEYS))) {
            throw new CanonicalJsonException(
                    "checkpoint",
                    "a checkpoint has exactly the keys "
                            + CHECKPOINT_KEYS
                            + " (and \"final\": true if it is the file's final one)");
        }
        boolean last = tree.containsKey("final");
        if (last && !Boolean.TRUE.equals(tree.get("final"))) {
            throw new CanonicalJsonException("checkpoint.final", "must be true when present");
        }
        if (!(tree.get("tree_size") instanceof Long size) || size < (last ? 0 : 1)) {
            throw new CanonicalJsonException(
                    "checkpoint.tree_size",
                    last ? "must be 0 or more" : "must be a positive integer");
        }
        Instant time;
        try {
            time = Instant.parse(text(tree, "time"));
        } catch (DateTimeException e) {
            throw new CanonicalJsonException("checkpoint.time", "not an ISO-8601 UTC instant");
        }
        if (!CanonicalJson.canonicalise(line).equals(text)) {
            throw new CanonicalJsonException(
                    "", "the checkpoint at size " + size + " is not in canonical form as exported");
        }
        return new Checkpoint(size, text(tree, "root_hash"), time, text(tree, "signature"), last);
    }

    private static ArchivedPrefix archived(Map<?, ?> line, String text) {
        if (!(line.get("archived") instanceof Map<?, ?> tree)
                || !tree.keySet().equals(ARCHIVED_KEYS)) {
            throw new CanonicalJsonException(
                    "archived", "an archived prefix has exactly the keys " + ARCHIVED_KEYS);
        }
        if (!(tree.get("tree_size") instanceof Long size) || size < 1) {
            throw new CanonicalJsonException("archived.tree_size", "must be a positive integer");
        }
        if (!(tree.get("frontier") instanceof List<?> hashes)
                || !hashes.stream().allMatch(AuditChain::isHash)
                || hashes.size() != Long.bitCount(size)) {
            throw new CanonicalJsonException(
                    "archived.frontier",
                    "must be "
                            + Long.bitCount(size)
                            + " hashes (64 lowercase hex digits) for a tree of size "
                            + size);
        }
        if (!AuditChain.isHash(tree.get("head_hash"))) {
            throw new CanonicalJsonException(
                    "archived.head_hash", "must be 64 lowercase hex digits");
        }
        if (!CanonicalJson.canonicalise(line).equals(text)) {
            throw new CanonicalJsonException(
                    "", "the archived prefix is not in canonical form as exported");
        }
        return new ArchivedPrefix(
                size,
                (String) tree.get("head_hash"),
                hashes.stream().map(String.class::cast).toList());
    }

    private static String text(Map<?, ?> tree, String key) {
        if (tree.get(key) instanceof String s) {
            return s;
        }
        throw new CanonicalJsonException(key, "must be a JSON string");
    }
}
