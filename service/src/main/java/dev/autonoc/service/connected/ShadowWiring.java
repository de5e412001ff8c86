package dev.autonoc.service.connected;

import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.service.shadow.ShadowReports;
import dev.autonoc.service.store.SharedCaseStore;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The shadow-mode report in connected mode (docs/connected-mode.md, "Autonomy levels"): the ledger
 * and the network's cases for the agent's side, the operator's TMF list queries for people's.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "autonoc.mode", havingValue = "connected")
class ShadowWiring {

    @Bean
    ShadowReports shadowReports(
            ConnectedProperties settings,
            AuditLog audit,
            SharedCaseStore cases,
            ConnectedNetwork network,
            Clock wallClock) {
        ConnectedProperties.Tmf tmf = settings.tmf();
        TmfEndpoints endpoints = new TmfEndpoints(tmf, OAuth2Tokens.over(tmf));
        return new ShadowReports(
                audit,
                cases::all,
                endpoints.records(),
                List.of(
                        read(tmf, TmfApi.TROUBLE_TICKET, "TMF621 trouble tickets"),
                        read(tmf, TmfApi.PRODUCT_ORDERING, "TMF622 product orders"),
                        read(tmf, TmfApi.APPOINTMENT, "TMF646 appointments"),
                        read(tmf, TmfApi.SERVICE_ACTIVATION, "TMF640 activations")),
                () -> network.elements().stream().map(e -> e.id().value()).toList(),
                wallClock);
    }

    private static String read(ConnectedProperties.Tmf tmf, TmfApi api, String what) {
        return what + " at " + tmf.endpoint(api).baseUrl();
    }
}
