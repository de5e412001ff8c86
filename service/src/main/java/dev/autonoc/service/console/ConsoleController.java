package dev.autonoc.service.console;

import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.service.security.Approvers;
import dev.autonoc.service.shadow.ShadowReports;
import dev.autonoc.service.shadow.ShadowRequest;
import dev.autonoc.tools.oss.OssException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Serves the console's pages and the sign-in page; what a page shows comes from the API, read again
 * whenever the service pushes that the world changed ({@link ConsoleEvents}).
 */
@Controller
class ConsoleController {

    private final RoleHierarchy hierarchy;
    private final ObjectProvider<ShadowReports> shadow;

    ConsoleController(RoleHierarchy hierarchy, ObjectProvider<ShadowReports> shadow) {
        this.hierarchy = hierarchy;
        this.shadow = shadow;
    }

    /** Overview: approvals waiting, elements at risk, cases (those needing a person first). */
    @GetMapping("/")
    String console(Authentication user, Model model) {
        header(user, model);
        return "console";
    }

    /** One case: what it is, its plan, its timeline from the ledger, and what a person may do. */
    @GetMapping("/cases/{id}")
    String oneCase(@PathVariable String id, Authentication user, Model model) {
        header(user, model);
        model.addAttribute("caseId", id);
        return "case";
    }

    /**
     * One element: its telemetry and the predictor's probability and time to failure over the same
     * days, its alarm's evidence, its cases.
     */
    @GetMapping("/elements/{id}")
    String element(@PathVariable String id, Authentication user, Model model) {
        header(user, model);
        model.addAttribute("elementId", id);
        return "element";
    }

    /** The network drawn: regions, elements by state, links, where traffic was moved off. */
    @GetMapping("/map")
    String map(Authentication user, Model model) {
        header(user, model);
        return "map";
    }

    /** The ledger: filter, verify, export, public key, inclusion proofs (auditors, supervisors). */
    @GetMapping("/audit")
    String audit(Authentication user, Model model) {
        header(user, model);
        return "audit";
    }

    /** The policy: the version in force, kept versions with a diff, an action explained. */
    @GetMapping("/policy")
    String policy(Authentication user, Model model) {
        header(user, model);
        return "policy";
    }

    /**
     * Shadow mode: what the agent would have done beside what people did, over a period (the last
     * seven days by default), rendered here from {@link ShadowReports} (supervisors, auditors).
     */
    @GetMapping("/shadow")
    String shadow(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String element,
            Authentication user,
            Model model) {
        header(user, model);
        ShadowReports reports = shadow.getIfAvailable();
        model.addAttribute("connected", reports != null);
        model.addAttribute("fromValue", from);
        model.addAttribute("toValue", to);
        model.addAttribute("elementValue", element);
        if (reports == null) {
            return "shadow";
        }
        try {
            ShadowRequest asked =
                    ShadowRequest.parseOrDefault(from, to, element, reports, Duration.ofDays(7));
            model.addAttribute("fromValue", asked.from().toString());
            model.addAttribute("toValue", asked.to().toString());
            model.addAttribute("report", reports.report(asked.from(), asked.to(), asked.element()));
        } catch (ShadowRequest.Invalid e) {
            model.addAttribute("problem", e.parameter() + ": " + e.getMessage());
        } catch (OssException e) {
            model.addAttribute(
                    "problem",
                    "people's acts could not be read from the operator's systems: "
                            + e.getMessage());
        }
        return "shadow";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    /** What the shared header needs, and what the signed-in person may do. */
    private void header(Authentication user, Model model) {
        Set<String> held = Approvers.of(user).roles();
        List<String> roles = held.stream().sorted().toList();
        model.addAttribute("user", user.getName());
        model.addAttribute("roles", roles);
        // the simulation's controls are a supervisor's (the API refuses them to anyone else)
        model.addAttribute("drives", hierarchy.satisfies(held, RoleHierarchy.NOC_SUPERVISOR));
        // taking over, handing back and closing cases is NOC staff's (as the API's rules say)
        model.addAttribute("handles", hierarchy.satisfies(held, RoleHierarchy.NOC_OPERATOR));
        // the ledger is the auditors' and supervisors' (as the API's rules say)
        model.addAttribute(
                "audits",
                hierarchy.satisfies(held, RoleHierarchy.AUDITOR)
                        || hierarchy.satisfies(held, RoleHierarchy.NOC_SUPERVISOR));
    }
}
