/**
 * The MCP server: the tool catalogue offered to other agents over the Model Context Protocol
 * (stateless streamable HTTP at {@code /mcp}). Every call passes the same policy gate, approval
 * queue and audit ledger as the loop's own, under the caller's own agent identity.
 */
package dev.autonoc.service.mcp;
