package dev.autonoc.service.policy;

import dev.autonoc.policy.PolicyStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PolicyWiring {

    @Bean
    PolicyExplainer policyExplainer(PolicyStore store) {
        return new PolicyExplainer(store);
    }
}
