/**
 * The HTTP façade: the twin's OSS/BSS served on a loopback port with TM Forum Open API (v4)
 * payloads, for {@code dev.autonoc.tools.http.TmfHttpClients}. {@link
 * dev.autonoc.simulators.http.TmfHttpFacade} is the entry point and the HTTP plumbing (route table,
 * idempotency by key, problem details); one handler per TMF API turns a request into calls of the
 * {@code OssBss} clients and maps the answers with the tools' TMF mappers; {@code FacadeFaults}
 * injects the scenario's TOOL_FAULTS at the endpoints, and {@code EndpointTools} names the
 * catalogue tool each endpoint serves. The twin's core never imports this package: the façade sits
 * over the twin, never inside it.
 */
package dev.autonoc.simulators.http;
