/**
 * The OSS/BSS systems the tools act on, one client interface per TM Forum Open API (v4), with lean
 * payload records whose field names follow the TMF resources so that an HTTP façade or client can
 * serialise them per spec ({@code @type} is {@code atType}).
 *
 * <p>The digital twin in {@code simulators} implements these in-process; {@link
 * dev.autonoc.tools.http.TmfHttpClients} implements them over HTTP against TMF endpoints (the
 * twin's façade, or real systems). Every acting method takes an idempotency key and is idempotent
 * at the edge: the same key has one effect and returns the first answer. Far-side failures are
 * {@link dev.autonoc.tools.oss.OssException}, retriable or not.
 */
package dev.autonoc.tools.oss;
