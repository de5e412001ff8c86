package dev.autonoc.tools.http;

import static dev.autonoc.tools.http.TmfJson.TMF622_BASE;

import dev.autonoc.core.tool.ToolResult.Outcome;
import dev.autonoc.tools.oss.OssException;
import dev.autonoc.tools.oss.ProductOrder;
import dev.autonoc.tools.oss.ProductOrderRequest;
import dev.autonoc.tools.oss.ProductOrdering;

/** TMF622 over HTTP. */
final class HttpProductOrdering implements ProductOrdering {

    private static final String PATH = TMF622_BASE + "/productOrder";

    private final HttpTmf http;

    HttpProductOrdering(HttpTmf http) {
        this.http = http;
    }

    @Override
    public ProductOrder order(ProductOrderRequest request, String idempotencyKey) {
        var answer =
                http.send(
                        API,
                        "POST",
                        PATH,
                        TmfJson.toOrderCreate(request, idempotencyKey),
                        idempotencyKey);
        try {
            return TmfJson.fromOrder(answer);
        } catch (TmfPayloadException e) {
            throw new OssException(
                    API, "malformed ProductOrder: " + e.getMessage(), Outcome.UNCERTAIN, e);
        }
    }
}
