package dev.autonoc.service.connected;

import dev.autonoc.tools.http.TmfHttpClients;
import dev.autonoc.tools.oss.OperatorRecords;
import dev.autonoc.tools.oss.OssBss;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The operator's OSS/BSS over TMF HTTP, each API at its own endpoint with its own time-out and
 * sign-in ({@link ConnectedProperties.Tmf}). HTTP statuses become the tool outcome classes the
 * agent knows (docs/agent.md, "Outcome classes"; {@code tools/.../http/HttpTmf}): 429 and 503
 * TRANSIENT, 409 REFUSED, 408, 5xx and time-outs UNCERTAIN, any other 4xx INVALID. Every acting
 * call carries its idempotency key as {@code Idempotency-Key}.
 */
final class TmfEndpoints {

    private final Map<TmfApi, TmfHttpClients> clients = new EnumMap<>(TmfApi.class);

    TmfEndpoints(ConnectedProperties.Tmf settings, TokenSource oauth2) {
        for (TmfApi api : TmfApi.values()) {
            ConnectedProperties.Endpoint e = settings.endpoint(api);
            clients.put(
                    api, TmfHttpClients.over(e.baseUrl(), e.timeout(), authorization(e, oauth2)));
        }
    }

    /** Where an OAuth2 access token comes from (Spring Security's client, in the service). */
    interface TokenSource {
        String accessToken(ConnectedProperties.Endpoint endpoint);
    }

    private static Supplier<Optional<String>> authorization(
            ConnectedProperties.Endpoint e, TokenSource oauth2) {
        ConnectedProperties.Auth auth = e.auth();
        switch (auth.type()) {
            case "bearer":
                Optional<String> fixed = Optional.of("Bearer " + auth.token());
                return () -> fixed;
            case "oauth2":
                return () -> Optional.of("Bearer " + oauth2.accessToken(e));
            default:
                return Optional::empty;
        }
    }

    /**
     * What the operator's TMF621, TMF622, TMF646 and TMF640 list over a period, whoever made it
     * (the shadow-mode report's people's side), each read at its API's own endpoint.
     */
    OperatorRecords records() {
        return OperatorRecords.union(
                List.of(
                        clients.get(TmfApi.TROUBLE_TICKET).ticketRecords(),
                        clients.get(TmfApi.PRODUCT_ORDERING).orderRecords(),
                        clients.get(TmfApi.APPOINTMENT).appointmentRecords(),
                        clients.get(TmfApi.SERVICE_ACTIVATION).activationRecords()));
    }

    OssBss ossBss() {
        return new OssBss(
                clients.get(TmfApi.RESOURCE_INVENTORY).resourceInventory(),
                clients.get(TmfApi.SERVICE_INVENTORY).serviceInventory(),
                clients.get(TmfApi.STOCK_MANAGEMENT).stockManagement(),
                clients.get(TmfApi.PRODUCT_ORDERING).productOrdering(),
                clients.get(TmfApi.APPOINTMENT).appointment(),
                clients.get(TmfApi.TROUBLE_TICKET).troubleTicket(),
                clients.get(TmfApi.SERVICE_ACTIVATION).serviceActivation(),
                clients.get(TmfApi.COMMUNICATION).communication(),
                clients.get(TmfApi.CUSTOMER_BILL).customerBill());
    }
}
