package dev.autonoc.service.api;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.service.api.Views.AuditEntryView;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A case's history as the ledger holds it, for the people who work the case (the whole ledger is
 * the auditors' and supervisors', {@code /api/audit}): the prediction that opened it, each plan
 * with its rationale, every decision with its rule ids, approvals with who and why, tool calls and
 * their results, replans, and what people did; oldest first.
 */
@RestController
@KnownParametersOnly
@RequestMapping("/api/cases")
class CaseTimelineController {

    private final CaseStore cases;
    private final AuditLog ledger;

    CaseTimelineController(CaseStore cases, AuditLog ledger) {
        this.cases = cases;
        this.ledger = ledger;
    }

    @GetMapping("/{id}/timeline")
    List<AuditEntryView> timeline(@PathVariable String id) {
        if (id.isBlank() || cases.find(new CaseId(id)).isEmpty()) {
            throw ApiProblem.notFound("no case '" + id + "'");
        }
        return ledger.query(AuditQuery.forCase(id)).stream().map(AuditEntryView::of).toList();
    }
}
