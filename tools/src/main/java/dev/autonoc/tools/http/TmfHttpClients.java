package dev.autonoc.tools.http;

import dev.autonoc.tools.oss.Appointment;
import dev.autonoc.tools.oss.Communication;
import dev.autonoc.tools.oss.CustomerBill;
import dev.autonoc.tools.oss.OperatorRecords;
import dev.autonoc.tools.oss.OssBss;
import dev.autonoc.tools.oss.ProductOrdering;
import dev.autonoc.tools.oss.ResourceInventory;
import dev.autonoc.tools.oss.ServiceActivation;
import dev.autonoc.tools.oss.ServiceInventory;
import dev.autonoc.tools.oss.StockManagement;
import dev.autonoc.tools.oss.TroubleTicket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The OSS/BSS clients over HTTP, against TMF Open API (v4) endpoints under one base URL (each API
 * at its spec's base path, {@code /tmf-api/troubleTicket/v4/...}). Failures are {@link
 * dev.autonoc.tools.oss.OssException}: time-outs, dropped connections and 5xx retriable, 4xx not.
 *
 * <p>Every API of {@link OssBss}: TMF621 Trouble Ticket, TMF622 Product Ordering, TMF639 Resource
 * Inventory, TMF638 Service Inventory, TMF687 Stock, TMF681 Communication, TMF646 Appointment,
 * TMF640 Service Activation, TMF678 Customer Bill. Three things have no TMF v4 resource and go to
 * operator extension paths beside the APIs: telemetry ({@value
 * ResourceInventoryJson#TELEMETRY_BASE}), the field workforce ({@value
 * AppointmentJson#ENGINEERS_BASE}), and applying a credit (a POST to TMF678's read-only {@code
 * appliedCustomerBillingRate}).
 */
public final class TmfHttpClients {

    /** How long one exchange may take when no time-out is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpTmf http;

    private TmfHttpClients(URI base, Duration timeout, Supplier<Optional<String>> authorization) {
        this.http =
                new HttpTmf(
                        HttpClient.newBuilder()
                                .connectTimeout(timeout)
                                .version(HttpClient.Version.HTTP_1_1)
                                .build(),
                        base,
                        timeout,
                        authorization);
    }

    /**
     * Clients against {@code base} ({@code http://127.0.0.1:8080/}); each exchange times out after
     * {@code timeout}.
     */
    public static TmfHttpClients over(URI base, Duration timeout) {
        return over(base, timeout, Optional::empty);
    }

    /**
     * Clients against {@code base} that send {@code authorization}'s answer as the {@code
     * Authorization} header of every exchange ({@code Bearer ...}); it is asked before each
     * exchange, so a token that expires is renewed. If it throws, the call fails as TRANSIENT:
     * nothing was sent.
     */
    public static TmfHttpClients over(
            URI base, Duration timeout, Supplier<Optional<String>> authorization) {
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(timeout, "timeout");
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
            throw new IllegalArgumentException(
                    "base URL must be http or https, like http://127.0.0.1:8080/; got " + base);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        String s = base.toString();
        return new TmfHttpClients(
                URI.create(s.endsWith("/") ? s : s + "/"), timeout, authorization);
    }

    public static TmfHttpClients over(URI base) {
        return over(base, DEFAULT_TIMEOUT);
    }

    public TroubleTicket troubleTicket() {
        return new HttpTroubleTicket(http);
    }

    public ProductOrdering productOrdering() {
        return new HttpProductOrdering(http);
    }

    public ResourceInventory resourceInventory() {
        return new HttpResourceInventory(http);
    }

    public ServiceInventory serviceInventory() {
        return new HttpServiceInventory(http);
    }

    public StockManagement stockManagement() {
        return new HttpStockManagement(http);
    }

    public Communication communication() {
        return new HttpCommunication(http);
    }

    public Appointment appointment() {
        return new HttpAppointment(http);
    }

    public ServiceActivation serviceActivation() {
        return new HttpServiceActivation(http);
    }

    public CustomerBill customerBill() {
        return new HttpCustomerBill(http);
    }

    /**
     * What this base URL's TMF621 (tickets), TMF622 (orders), TMF646 (appointments) and TMF640
     * (activations) list over a period, whoever made them: four list queries.
     */
    public OperatorRecords records() {
        return OperatorRecords.union(
                List.of(
                        ticketRecords(),
                        orderRecords(),
                        appointmentRecords(),
                        activationRecords()));
    }

    /** TMF621's tickets opened over a period. */
    public OperatorRecords ticketRecords() {
        return new HttpOperatorRecords(http, HttpOperatorRecords.Source.TICKETS);
    }

    /** TMF622's orders placed over a period. */
    public OperatorRecords orderRecords() {
        return new HttpOperatorRecords(http, HttpOperatorRecords.Source.ORDERS);
    }

    /** TMF646's appointments booked over a period. */
    public OperatorRecords appointmentRecords() {
        return new HttpOperatorRecords(http, HttpOperatorRecords.Source.APPOINTMENTS);
    }

    /** TMF640's activations (reroutes, restores, restarts) made over a period. */
    public OperatorRecords activationRecords() {
        return new HttpOperatorRecords(http, HttpOperatorRecords.Source.ACTIVATIONS);
    }

    /** Every client, over this base URL. */
    public OssBss ossBss() {
        return new OssBss(
                resourceInventory(),
                serviceInventory(),
                stockManagement(),
                productOrdering(),
                appointment(),
                troubleTicket(),
                serviceActivation(),
                communication(),
                customerBill());
    }

    /** Every client over {@code base}: {@code over(base).ossBss()}. */
    public static OssBss ossBss(URI base) {
        return over(base).ossBss();
    }
}
