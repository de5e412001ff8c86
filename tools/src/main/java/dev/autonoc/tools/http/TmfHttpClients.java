package dev.autonoc.tools.http;

import dev.autonoc.tools.oss.Appointment;
import dev.autonoc.tools.oss.Communication;
import dev.autonoc.tools.oss.CustomerBill;
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
import java.util.Objects;

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

    private TmfHttpClients(URI base, Duration timeout) {
        this.http =
                new HttpTmf(
                        HttpClient.newBuilder()
                                .connectTimeout(timeout)
                                .version(HttpClient.Version.HTTP_1_1)
                                .build(),
                        base,
                        timeout);
    }

    /**
     * Clients against {@code base} ({@code http://127.0.0.1:8080/}); each exchange times out after
     * {@code timeout}.
     */
    public static TmfHttpClients over(URI base, Duration timeout) {
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
        return new TmfHttpClients(URI.create(s.endsWith("/") ? s : s + "/"), timeout);
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
