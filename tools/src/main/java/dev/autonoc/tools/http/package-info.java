/**
 * The OSS/BSS client interfaces over HTTP, with TM Forum Open API (v4) payloads: {@link
 * dev.autonoc.tools.http.TmfHttpClients} builds the clients over a base URL, and one mapper per TMF
 * API beside its client ({@code TroubleTicketJson} beside {@code HttpTroubleTicket}, and so on,
 * over the shared pieces of {@link dev.autonoc.tools.http.TmfJson}) maps the {@code oss} records to
 * and from the TMF resources, so that the simulators' HTTP façade and these clients speak the same
 * shapes.
 *
 * <p>Every acting call carries its idempotency key in the {@value
 * dev.autonoc.tools.http.TmfJson#IDEMPOTENCY_KEY} header. Errors come back as RFC 9457 problem
 * details that also carry the TMF {@code Error} fields ({@code code}, {@code reason}).
 */
package dev.autonoc.tools.http;
