package dev.autonoc.service.security;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's Tokens page: a signed-in person makes, lists and revokes their API tokens. */
@Controller
class TokenPageController {

    @GetMapping("/tokens")
    String tokens(Authentication user, Model model) {
        model.addAttribute("user", user.getName());
        return "tokens";
    }
}
