package dev.autonoc.service.connected;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The nine TMF Open APIs the tools call, by their key under {@code autonoc.connected.tmf.apis}. */
enum TmfApi {
    RESOURCE_INVENTORY("resource-inventory", "TMF639"),
    SERVICE_INVENTORY("service-inventory", "TMF638"),
    STOCK_MANAGEMENT("stock-management", "TMF687"),
    PRODUCT_ORDERING("product-ordering", "TMF622"),
    APPOINTMENT("appointment", "TMF646"),
    TROUBLE_TICKET("trouble-ticket", "TMF621"),
    SERVICE_ACTIVATION("service-activation", "TMF640"),
    COMMUNICATION("communication", "TMF681"),
    CUSTOMER_BILL("customer-bill", "TMF678");

    private final String key;
    private final String spec;

    TmfApi(String key, String spec) {
        this.key = key;
        this.spec = spec;
    }

    String key() {
        return key;
    }

    String spec() {
        return spec;
    }

    static TmfApi of(String key) {
        return Arrays.stream(values())
                .filter(a -> a.key.equals(key))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "autonoc.connected.tmf.apis has '"
                                                + key
                                                + "'; the APIs are "
                                                + Arrays.stream(values())
                                                        .map(TmfApi::key)
                                                        .collect(Collectors.joining(", "))));
    }
}
