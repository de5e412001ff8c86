package dev.autonoc.core.tool;

import java.util.List;

/** The fixed names of the tool catalogue (DESIGN.md); scenarios, policies and audit use them. */
public final class ToolNames {

    public static final String GET_TOPOLOGY = "get_topology";
    public static final String GET_ELEMENT = "get_element";
    public static final String GET_TELEMETRY = "get_telemetry";
    public static final String GET_NEIGHBOUR_VIEW = "get_neighbour_view";
    public static final String GET_AFFECTED_CUSTOMERS = "get_affected_customers";
    public static final String CHECK_STOCK = "check_stock";
    public static final String LIST_ENGINEERS = "list_engineers";
    public static final String GET_ORDER = "get_order";
    public static final String GET_APPOINTMENT = "get_appointment";
    public static final String PREVIEW_OUTAGE = "preview_outage";
    public static final String OPEN_TICKET = "open_ticket";
    public static final String UPDATE_TICKET = "update_ticket";
    public static final String CLOSE_TICKET = "close_ticket";
    public static final String ORDER_PART = "order_part";
    public static final String DISPATCH_ENGINEER = "dispatch_engineer";
    public static final String REROUTE_TRAFFIC = "reroute_traffic";
    public static final String RESTORE_TRAFFIC = "restore_traffic";
    public static final String RESTART_ELEMENT = "restart_element";
    public static final String NOTIFY_CUSTOMERS = "notify_customers";
    public static final String APPLY_SLA_CREDIT = "apply_sla_credit";
    public static final String CANCEL_ORDER = "cancel_order";
    public static final String CANCEL_APPOINTMENT = "cancel_appointment";

    public static final List<String> READ =
            List.of(
                    GET_TOPOLOGY,
                    GET_ELEMENT,
                    GET_TELEMETRY,
                    GET_NEIGHBOUR_VIEW,
                    GET_AFFECTED_CUSTOMERS,
                    CHECK_STOCK,
                    LIST_ENGINEERS,
                    GET_ORDER,
                    GET_APPOINTMENT,
                    PREVIEW_OUTAGE);

    public static final List<String> ACT =
            List.of(
                    OPEN_TICKET,
                    UPDATE_TICKET,
                    CLOSE_TICKET,
                    ORDER_PART,
                    DISPATCH_ENGINEER,
                    REROUTE_TRAFFIC,
                    RESTORE_TRAFFIC,
                    RESTART_ELEMENT,
                    NOTIFY_CUSTOMERS,
                    APPLY_SLA_CREDIT,
                    CANCEL_ORDER,
                    CANCEL_APPOINTMENT);

    public static final List<String> ALL =
            java.util.stream.Stream.concat(READ.stream(), ACT.stream()).toList();

    private ToolNames() {}
}
