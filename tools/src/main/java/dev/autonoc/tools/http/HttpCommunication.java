package dev.autonoc.tools.http;

import dev.autonoc.core.tool.ToolResult.Outcome;
import dev.autonoc.tools.oss.Communication;
import dev.autonoc.tools.oss.CommunicationMessage;
import dev.autonoc.tools.oss.OssException;

/** TMF681 over HTTP. */
final class HttpCommunication implements Communication {

    private final HttpTmf http;

    HttpCommunication(HttpTmf http) {
        this.http = http;
    }

    @Override
    public CommunicationMessage notifyCustomers(
            String resourceId, String content, String idempotencyKey) {
        var answer =
                http.send(
                        API,
                        "POST",
                        CommunicationJson.TMF681_BASE + "/communicationMessage",
                        CommunicationJson.toMessageCreate(resourceId, content),
                        idempotencyKey);
        try {
            return CommunicationJson.fromMessage(answer);
        } catch (TmfPayloadException e) {
            throw new OssException(
                    API, "malformed CommunicationMessage: " + e.getMessage(), Outcome.UNCERTAIN, e);
        }
    }
}
