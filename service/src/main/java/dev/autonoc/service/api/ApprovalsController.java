package dev.autonoc.service.api;

import dev.autonoc.service.api.Views.AnswerView;
import dev.autonoc.service.api.Views.ApprovalView;
import dev.autonoc.service.security.Approvers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Pending approvals, and a person's answer to one. The signed-in user is the approver. */
@RestController
@RequestMapping("/api/approvals")
class ApprovalsController {

    static final int MAX_TEXT = 2000;

    /**
     * @param arguments the call's arguments as the approver wants them run, if changed; the amended
     *     call passes the policy gate again
     */
    record ApproveBody(String comment, Map<String, Object> arguments) {}

    record RejectBody(String reason) {}

    private final ApprovalDesk desk;

    ApprovalsController(ApprovalDesk desk) {
        this.desk = desk;
    }

    @GetMapping
    List<ApprovalView> pending(Authentication user) {
        return desk.pending(Approvers.of(user));
    }

    @PostMapping("/{id}/approve")
    AnswerView approve(
            @PathVariable String id,
            @RequestBody(required = false) ApproveBody body,
            Authentication user) {
        ApproveBody b = body == null ? new ApproveBody(null, null) : body;
        String comment = text("comment", b.comment(), false);
        Optional<Map<String, Object>> arguments = Optional.ofNullable(b.arguments());
        return AnswerView.of(desk.approve(id, Approvers.of(user), comment, arguments));
    }

    @PostMapping("/{id}/reject")
    AnswerView reject(
            @PathVariable String id,
            @RequestBody(required = false) RejectBody body,
            Authentication user) {
        String reason = text("reason", body == null ? null : body.reason(), true);
        return AnswerView.of(desk.reject(id, Approvers.of(user), reason));
    }

    private static String text(String member, String value, boolean required) {
        String v = value == null ? "" : value.strip();
        if (required && v.isEmpty()) {
            throw ApiProblem.invalid(
                    member,
                    "is required: say why, in words (a JSON body like {\""
                            + member
                            + "\": \"...\"})");
        }
        if (v.length() > MAX_TEXT) {
            throw ApiProblem.invalid(
                    member, "is at most " + MAX_TEXT + " characters, got " + v.length());
        }
        return v;
    }
}
