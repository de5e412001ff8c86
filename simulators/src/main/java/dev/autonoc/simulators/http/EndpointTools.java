package dev.autonoc.simulators.http;

import static dev.autonoc.simulators.http.TmfHttpFacade.ACTIVATIONS;
import static dev.autonoc.simulators.http.TmfHttpFacade.APPOINTMENTS;
import static dev.autonoc.simulators.http.TmfHttpFacade.CANCEL_ORDERS;
import static dev.autonoc.simulators.http.TmfHttpFacade.CREDITS;
import static dev.autonoc.simulators.http.TmfHttpFacade.MESSAGES;
import static dev.autonoc.simulators.http.TmfHttpFacade.ORDERS;
import static dev.autonoc.simulators.http.TmfHttpFacade.RESOURCES;
import static dev.autonoc.simulators.http.TmfHttpFacade.SERVICES;
import static dev.autonoc.simulators.http.TmfHttpFacade.STOCK;
import static dev.autonoc.simulators.http.TmfHttpFacade.TICKETS;

import dev.autonoc.tools.http.AppointmentJson;
import dev.autonoc.tools.http.ResourceInventoryJson;
import dev.autonoc.tools.http.ServiceActivationJson;
import dev.autonoc.tools.http.TmfJson;
import dev.autonoc.tools.http.TmfPayloadException;
import dev.autonoc.tools.oss.ActivationResult;
import tools.jackson.core.JacksonException;

/**
 * Which catalogue tool calls an endpoint of the HTTP façade: TOOL_FAULTS name tools, the façade
 * serves endpoints, and a fault of a tool strikes the endpoint its calls reach.
 */
final class EndpointTools {

    private EndpointTools() {}

    /**
     * The catalogue tool whose calls reach this endpoint (DESIGN.md's tool table), or "" for
     * requests no tool makes (a GET by id, a reroute's feasibility check).
     */
    static String toolOf(String method, String template, TmfRequest r) {
        String t = template;
        boolean get = method.equals("GET");
        if (get) {
            if (t.equals(RESOURCES)) {
                return "get_topology";
            } else if (t.equals(RESOURCES + "/{id}")) {
                return "get_element";
            } else if (t.startsWith(ResourceInventoryJson.TELEMETRY_BASE)) {
                return "get_telemetry";
            } else if (t.equals(SERVICES)) {
                return "get_affected_customers";
            } else if (t.equals(STOCK)) {
                return "check_stock";
            } else if (t.startsWith(AppointmentJson.ENGINEERS_BASE)) {
                return "list_engineers";
            } else if (t.startsWith(ORDERS)) {
                return "get_order";
            } else if (t.startsWith(APPOINTMENTS)) {
                return "get_appointment";
            }
            return "";
        }
        if (t.equals(TICKETS)) {
            return "open_ticket";
        } else if (t.equals(TICKETS + "/{id}")) {
            return closes(r.body()) ? "close_ticket" : "update_ticket";
        } else if (t.equals(ORDERS)) {
            return "order_part";
        } else if (t.equals(CANCEL_ORDERS)) {
            return "cancel_order";
        } else if (t.equals(APPOINTMENTS)) {
            return "dispatch_engineer";
        } else if (t.equals(APPOINTMENTS + "/{id}")) {
            return "cancel_appointment";
        } else if (t.equals(MESSAGES)) {
            return "notify_customers";
        } else if (t.equals(CREDITS)) {
            return "apply_sla_credit";
        } else if (t.equals(ACTIVATIONS)) {
            try {
                var a =
                        ServiceActivationJson.fromActivationCreate(
                                TmfJson.mapper().readTree(r.body()));
                if (a.check()) {
                    return a.action().equals(ServiceActivationJson.OUTAGE) ? "preview_outage" : "";
                }
                return switch (a.action()) {
                    case ActivationResult.REROUTE -> "reroute_traffic";
                    case ActivationResult.RESTORE -> "restore_traffic";
                    default -> "restart_element";
                };
            } catch (JacksonException | TmfPayloadException e) {
                return ""; // a bad request: the handler answers 400
            }
        }
        return "";
    }

    /** Whether a ticket patch sets the status (a close), as {@code close_ticket} sends. */
    private static boolean closes(String body) {
        try {
            return TmfJson.mapper().readTree(body).has("status");
        } catch (JacksonException e) {
            return false;
        }
    }
}
