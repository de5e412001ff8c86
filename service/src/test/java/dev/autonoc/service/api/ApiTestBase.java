package dev.autonoc.service.api;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import dev.autonoc.service.api.ApiTestWiring.ResettableApprovalQueue;
import dev.autonoc.service.api.ApiTestWiring.ResettableCaseStore;
import dev.autonoc.service.api.ApiTestWiring.ScriptedSimulation;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The web layer with the real security configuration and the demo users of application.yml, with
 * HTTP Basic on (the embedded demo's opt-in) so that each request names its user.
 */
@WebMvcTest(properties = "autonoc.security.basic-auth.enabled=true")
@Import(ApiTestWiring.class)
abstract class ApiTestBase {

    @Autowired MockMvc mvc;
    @Autowired ResettableApprovalQueue queue;
    @Autowired ResettableCaseStore cases;
    @Autowired ScriptedSimulation simulation;

    @BeforeEach
    void freshPorts() {
        queue.reset();
        cases.reset();
        simulation.reset();
    }

    static RequestPostProcessor operator() {
        return httpBasic("operator", "operator");
    }

    static RequestPostProcessor supervisor() {
        return httpBasic("supervisor", "supervisor");
    }

    static RequestPostProcessor auditor() {
        return httpBasic("auditor", "auditor");
    }
}
