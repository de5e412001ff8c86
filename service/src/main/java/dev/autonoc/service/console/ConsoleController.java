package dev.autonoc.service.console;

import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.service.security.Approvers;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Serves the console page and the sign-in page; everything else on the page comes from the API. */
@Controller
class ConsoleController {

    private final RoleHierarchy hierarchy;

    ConsoleController(RoleHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    @GetMapping("/")
    String console(Authentication user, Model model) {
        Set<String> held = Approvers.of(user).roles();
        List<String> roles = held.stream().sorted().toList();
        model.addAttribute("user", user.getName());
        model.addAttribute("roles", roles);
        // the simulation's controls are a supervisor's (the API refuses them to anyone else)
        model.addAttribute("drives", hierarchy.satisfies(held, RoleHierarchy.NOC_SUPERVISOR));
        // taking over, handing back and closing cases is NOC staff's (as the API's rules say)
        model.addAttribute("handles", hierarchy.satisfies(held, RoleHierarchy.NOC_OPERATOR));
        return "console";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
