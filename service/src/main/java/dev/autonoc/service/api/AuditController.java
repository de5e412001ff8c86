package dev.autonoc.service.api;

import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.service.api.Views.AuditEntryView;
import dev.autonoc.service.api.Views.AuditPage;
import dev.autonoc.service.api.Views.VerificationView;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail, filtered and paged by sequence, and its verification. For auditors and
 * supervisors (see the security rules).
 */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * @param caseId the case ({@code case-1}); {@code -} for events outside a case
     * @param after only entries with a sequence above this; the previous page's {@code nextAfter}
     * @param from only events at or after this simulated time
     * @param to only events before this simulated time
     */
    @GetMapping
    AuditPage query(
            @RequestParam(name = "case", required = false) String caseId,
            @RequestParam(required = false) String element,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String limit) {
        int pageSize = limit(limit);
        AuditQuery query =
                new AuditQuery(
                        nonBlank(caseId),
                        nonBlank(element),
                        nonBlank(actor),
                        type(type),
                        instant("from", from),
                        instant("to", to),
                        after(after),
                        pageSize);
        List<AuditEntry> entries = audit.query(query);
        Long next = entries.size() == pageSize ? entries.get(entries.size() - 1).sequence() : null;
        return new AuditPage(entries.stream().map(AuditEntryView::of).toList(), next);
    }

    @GetMapping("/verify")
    VerificationView verify() {
        return VerificationView.of(audit.verify());
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static Optional<AuditEventType> type(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String key = value.strip().toUpperCase(Locale.ROOT);
        return Optional.of(
                Arrays.stream(AuditEventType.values())
                        .filter(t -> t.name().equals(key))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        ApiProblem.invalid(
                                                "type",
                                                "unknown event type '"
                                                        + value
                                                        + "'; accepted: "
                                                        + Arrays.stream(AuditEventType.values())
                                                                .map(Enum::name)
                                                                .collect(
                                                                        Collectors.joining(
                                                                                ", ")))));
    }

    private static Optional<Instant> instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.strip()));
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid(
                    name,
                    "'"
                            + value
                            + "' is not an ISO-8601 UTC instant; expected e.g. 2025-01-07T06:00:00Z");
        }
    }

    private static long after(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiProblem.invalid(
                "after", "'" + value + "' is not a sequence number; expected a whole number >= 0");
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiProblem.invalid(
                "limit",
                "'" + value + "' is not accepted; expected a whole number from 1 to " + MAX_LIMIT);
    }
}
