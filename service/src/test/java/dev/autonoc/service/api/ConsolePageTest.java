package dev.autonoc.service.api;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * The console's pages through the same security as the API (the page's behaviour is tested in a
 * browser).
 */
class ConsolePageTest extends ApiTestBase {

    @Test
    void the_console_sends_a_stranger_to_the_sign_in_page() throws Exception {
        mvc.perform(get("/"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
        mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("name=\"_csrf\"")));
    }

    @Test
    void signing_in_with_the_form_opens_the_console() throws Exception {
        mvc.perform(
                        post("/login")
                                .param("username", "operator")
                                .param("password", "operator")
                                .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/"));
        mvc.perform(
                        post("/login")
                                .param("username", "operator")
                                .param("password", "wrong")
                                .with(csrf()))
                .andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void the_console_page_carries_the_user_and_the_csrf_token_for_its_script() throws Exception {
        mvc.perform(get("/").with(user("operator").roles("noc_operator")))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(Matchers.containsString("<meta name=\"_csrf\" content=\"")))
                .andExpect(content().string(Matchers.containsString("noc_operator")))
                .andExpect(content().string(Matchers.containsString("/js/console.js")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("https://"))));
    }

    @Test
    void only_a_supervisor_gets_the_simulation_controls() throws Exception {
        mvc.perform(get("/").with(user("supervisor").roles("noc_supervisor")))
                .andExpect(content().string(Matchers.containsString("data-sim=\"pause\"")));
        mvc.perform(get("/").with(user("operator").roles("noc_operator")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("data-sim="))));
    }

    @Test
    void the_console_assets_load_without_signing_in() throws Exception {
        mvc.perform(get("/js/console.js")).andExpect(status().isOk());
        mvc.perform(get("/css/console.css")).andExpect(status().isOk());
    }
}
