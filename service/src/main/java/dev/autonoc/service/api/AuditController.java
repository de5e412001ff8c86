package dev.autonoc.service.api;

import dev.autonoc.audit.AuditCsv;
import dev.autonoc.audit.AuditFilter;
import dev.autonoc.audit.Checkpoint;
import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.audit.MerkleTree;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.policy.Effect;
import dev.autonoc.service.api.Views.AuditEntryView;
import dev.autonoc.service.api.Views.AuditPage;
import dev.autonoc.service.api.Views.CheckpointView;
import dev.autonoc.service.api.Views.ConsistencyProofView;
import dev.autonoc.service.api.Views.InclusionProofView;
import dev.autonoc.service.api.Views.PublicKeyView;
import dev.autonoc.service.api.Views.VerificationView;
import dev.autonoc.service.audit.AuditCheckpoints;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The audit ledger for auditors and supervisors (see the security rules): the entries, filtered and
 * paged by sequence; verification; the signed checkpoints, the public key that verifies them, and
 * RFC 9162 inclusion and consistency proofs against them; and the whole ledger as JSON Lines, which
 * verifies offline ({@code ./autonoc audit verify FILE}).
 */
@RestController
@KnownParametersOnly
@RequestMapping("/api/audit")
class AuditController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final MediaType JSON_LINES = MediaType.parseMediaType("application/x-ndjson");
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final JdbcAuditLog ledger;
    private final AuditCheckpoints checkpoints;

    AuditController(JdbcAuditLog ledger, AuditCheckpoints checkpoints) {
        this.ledger = ledger;
        this.checkpoints = checkpoints;
    }

    /**
     * @param caseId the case ({@code case-1}); {@code -} for events outside a case
     * @param tool the payload's tool (a decision, an approval, a tool call)
     * @param effect a policy decision's effect
     * @param after only entries with a sequence above this; the previous page's {@code nextAfter}
     * @param from only events at or after this simulated time
     * @param to only events before this simulated time
     */
    @GetMapping
    AuditPage query(
            @RequestParam(name = "case", required = false) String caseId,
            @RequestParam(required = false) String element,
            @RequestParam(required = false) String tool,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String effect,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String limit) {
        int pageSize = (int) number("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
        AuditFilter.Builder filter =
                AuditFilter.builder()
                        .afterSequence(number("after", after, 0, Long.MAX_VALUE, 0))
                        .limit(pageSize);
        text(caseId).ifPresent(filter::correlationId);
        text(element).ifPresent(filter::element);
        text(tool).ifPresent(filter::tool);
        text(actor).ifPresent(filter::actor);
        text(type).map(AuditController::type).ifPresent(filter::type);
        text(effect).map(AuditController::effect).ifPresent(filter::effect);
        Optional<Instant> since = text(from).map(v -> instant("from", v));
        Optional<Instant> until = text(to).map(v -> instant("to", v));
        if (since.isPresent() && until.isPresent() && !until.get().isAfter(since.get())) {
            throw ApiProblem.invalid(
                    "to",
                    "'"
                            + to.strip()
                            + "' is not after from '"
                            + from.strip()
                            + "'; the range [from, to) would hold nothing: expected a later"
                            + " instant");
        }
        since.ifPresent(filter::from);
        until.ifPresent(filter::to);
        List<AuditEntry> entries = ledger.find(filter.build());
        Long next = entries.size() == pageSize ? entries.get(entries.size() - 1).sequence() : null;
        return new AuditPage(entries.stream().map(AuditEntryView::of).toList(), next);
    }

    /** Walks the chain, recomputes every checkpoint's root and checks its signature. */
    @GetMapping("/verify")
    VerificationView verify() {
        return VerificationView.of(ledger.verify(checkpoints.signer().publicKey()));
    }

    @GetMapping("/checkpoints")
    List<CheckpointView> checkpoints() {
        return ledger.checkpoints().stream().map(CheckpointView::of).toList();
    }

    /** Signs a checkpoint of the ledger as it is now (the latest one if nothing was added). */
    @PostMapping("/checkpoints")
    ResponseEntity<CheckpointView> checkpointNow() {
        Checkpoint c =
                checkpoints
                        .checkpointNow()
                        .orElseThrow(
                                () ->
                                        new ApiProblem(
                                                HttpStatus.CONFLICT,
                                                "Nothing to sign",
                                                "the ledger is empty; a checkpoint covers at least"
                                                        + " one entry",
                                                Map.of()));
        return ResponseEntity.status(HttpStatus.CREATED).body(CheckpointView.of(c));
    }

    @GetMapping("/public-key")
    PublicKeyView publicKey() {
        return new PublicKeyView(
                "Ed25519", "X.509 SubjectPublicKeyInfo, base64", checkpoints.publicKeyText());
    }

    /**
     * The RFC 9162 inclusion proof of entry {@code sequence} in the tree of the first {@code
     * treeSize} entries (a checkpoint's size).
     */
    @GetMapping("/proofs/inclusion")
    InclusionProofView inclusion(
            @RequestParam(required = false) String sequence,
            @RequestParam(required = false) String treeSize) {
        long size = ledger.size();
        long n = required("treeSize", treeSize, 1, size);
        long seq = required("sequence", sequence, 1, n);
        AuditEntry entry =
                ledger.find(AuditFilter.builder().afterSequence(seq - 1).limit(1).build()).get(0);
        List<byte[]> proof = ledger.inclusionProof(seq, n);
        return new InclusionProofView(
                seq,
                n,
                entry.hash(),
                HexFormat.of().formatHex(MerkleTree.leafOfEntryHash(entry.hash())),
                proof.stream().map(HexFormat.of()::formatHex).toList(),
                HexFormat.of().formatHex(ledger.rootOf(n)));
    }

    /**
     * The RFC 9162 proof that the tree of size {@code second} only appended to that of {@code
     * first}.
     */
    @GetMapping("/proofs/consistency")
    ConsistencyProofView consistency(
            @RequestParam(required = false) String first,
            @RequestParam(required = false) String second) {
        long size = ledger.size();
        long b = required("second", second, 1, size);
        long a = required("first", first, 1, b);
        return new ConsistencyProofView(
                a,
                b,
                HexFormat.of().formatHex(ledger.rootOf(a)),
                HexFormat.of().formatHex(ledger.rootOf(b)),
                ledger.consistencyProof(a, b).stream().map(HexFormat.of()::formatHex).toList());
    }

    /**
     * Every entry as JSON Lines with the checkpoints in place, verifiable alone; or as CSV for
     * spreadsheets, which carries no checkpoints and cannot be verified.
     *
     * @param format {@code jsonl} (default) or {@code csv}
     */
    @GetMapping("/export")
    ResponseEntity<StreamingResponseBody> export(
            @RequestParam(defaultValue = "jsonl") String format) {
        boolean csv =
                switch (format.strip().toLowerCase(Locale.ROOT)) {
                    case "jsonl" -> false;
                    case "csv" -> true;
                    default ->
                            throw ApiProblem.invalid(
                                    "format", "unknown '" + format + "'; accepted: jsonl, csv");
                };
        StreamingResponseBody body =
                out -> {
                    BufferedWriter writer =
                            new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                    // sealed: a final checkpoint, signed with the service's key, over the last
                    // entry written, so that a copy cut short is told from a whole one
                    if (csv) {
                        AuditCsv.write(ledger, writer, checkpoints.signer());
                    } else {
                        ledger.exportJsonLines(writer, checkpoints.signer());
                    }
                    writer.flush();
                };
        return ResponseEntity.ok()
                .contentType(csv ? CSV : JSON_LINES)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"autonoc-audit." + (csv ? "csv" : "jsonl") + "\"")
                .body(body);
    }

    private static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static AuditEventType type(String value) {
        String key = value.toUpperCase(Locale.ROOT);
        return Arrays.stream(AuditEventType.values())
                .filter(t -> t.name().equals(key))
                .findFirst()
                .orElseThrow(
                        () ->
                                ApiProblem.invalid(
                                        "type",
                                        "unknown event type '"
                                                + value
                                                + "'; accepted: "
                                                + names(AuditEventType.values())));
    }

    private static String effect(String value) {
        String key = value.toUpperCase(Locale.ROOT);
        return Arrays.stream(Effect.values())
                .map(Enum::name)
                .filter(key::equals)
                .findFirst()
                .orElseThrow(
                        () ->
                                ApiProblem.invalid(
                                        "effect",
                                        "unknown effect '"
                                                + value
                                                + "'; accepted: "
                                                + names(Effect.values())));
    }

    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid(
                    name,
                    "'"
                            + value
                            + "' is not an ISO-8601 UTC instant; expected e.g. 2025-01-07T06:00:00Z");
        }
    }

    private static long number(String name, String value, long min, long max, long absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        return parse(name, value, min, max);
    }

    private static long required(String name, String value, long min, long max) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.invalid(
                    name, "is required: a whole number from " + min + " to " + max);
        }
        return parse(name, value, min, max);
    }

    private static long parse(String name, String value, long min, long max) {
        try {
            long n = Long.parseLong(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        String range =
                max == Long.MAX_VALUE
                        ? "a whole number >= " + min
                        : max < min
                                ? "nothing yet: the ledger holds no entries"
                                : "a whole number from " + min + " to " + max;
        throw ApiProblem.invalid(name, "'" + value + "' is not accepted; expected " + range);
    }
}
