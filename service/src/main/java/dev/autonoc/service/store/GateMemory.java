package dev.autonoc.service.store;

import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.tool.ToolResult;
import java.util.List;
import java.util.Objects;

/**
 * What the policy gate's guards of one simulated world were told ({@code service_gate_execution}):
 * each act call that ran and succeeded, as {@link
 * dev.autonoc.core.policy.PolicyGate#recordExecution} got it, committed before the guards count it.
 * A restart tells a new gate the same executions in the same order, so that it resets no day's
 * spend, no element's call count and no element under work.
 *
 * <p>One execution per case (or MCP correlation) and step: a step succeeds once, and a step that is
 * run again under its key after a crash (its success was recorded, the case was not saved yet) is
 * the same execution, told twice.
 *
 * <p>Several instances of one network share the table (connected mode): on PostgreSQL each insert
 * takes a transaction-scoped advisory lock named after the table, as the ledger's appends do, so
 * that the executions of all instances are numbered ({@code seq}) in the order they are committed,
 * and a reader that has seen up to one number ({@link #since}) never finds a lower one committed
 * later.
 */
public final class GateMemory {

    /** An execution with its place in the world's order. */
    public record Kept(long seq, Execution execution) {}

    /** An act call that ran and succeeded, as the gate was told of it. */
    public record Execution(ActionRequest request, ToolResult result) {
        public Execution {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(result, "result");
        }
    }

    private final ServiceDatabase db;
    private final String worldId;

    public GateMemory(ServiceDatabase db, String worldId) {
        this.db = Objects.requireNonNull(db, "db");
        this.worldId = Objects.requireNonNull(worldId, "worldId");
    }

    /**
     * Keeps an execution, unless one for the same case (or correlation) and step is kept already.
     *
     * @return whether it was new
     */
    public boolean remember(Execution e) {
        String correlation = e.request().caseId().value();
        int step = e.request().step();
        String request = StateJson.write(e.request());
        String result = StateJson.write(e.result());
        return db.transaction(
                "keep the gate's record of " + correlation + " step " + step,
                () -> {
                    if (db.isPostgres()) {
                        // held to the commit: one instance's insert is numbered and committed
                        // before the next one's is numbered
                        db.jdbc()
                                .sql(
                                        "SELECT pg_advisory_xact_lock(hashtext(current_schema() ||"
                                                + " '.service_gate_execution'))")
                                .query((rs, row) -> 1)
                                .list();
                    }
                    if (ServiceDatabase.finds(
                            db.jdbc()
                                    .sql(
                                            "SELECT 1 FROM service_gate_execution WHERE world_id"
                                                    + " = :world AND correlation_id = :correlation"
                                                    + " AND step = :step")
                                    .param("world", worldId)
                                    .param("correlation", correlation)
                                    .param("step", step))) {
                        return false;
                    }
                    db.jdbc()
                            .sql(
                                    "INSERT INTO service_gate_execution (world_id, correlation_id,"
                                            + " step, request_json, result_json) VALUES (:world,"
                                            + " :correlation, :step, :request, :result)")
                            .param("world", worldId)
                            .param("correlation", correlation)
                            .param("step", step)
                            .param("request", request)
                            .param("result", result)
                            .update();
                    return true;
                });
    }

    /**
     * The executions kept for the world after {@code seq} (every one after 0), in order: one
     * indexed read ({@code (world_id, seq)}), usually of nothing.
     */
    public List<Kept> since(long seq) {
        return db.query(
                "read the gate's records of world " + worldId,
                () ->
                        db.jdbc()
                                .sql(
                                        "SELECT seq, request_json, result_json FROM"
                                                + " service_gate_execution WHERE world_id = :world"
                                                + " AND seq > :seq ORDER BY seq")
                                .param("world", worldId)
                                .param("seq", seq)
                                .query(
                                        (rs, row) ->
                                                new Kept(
                                                        rs.getLong(1),
                                                        new Execution(
                                                                StateJson.read(
                                                                        rs.getString(2),
                                                                        ActionRequest.class),
                                                                StateJson.read(
                                                                        rs.getString(3),
                                                                        ToolResult.class))))
                                .list());
    }

    /** Every execution kept for the world, in the order the gate was told of them. */
    public List<Execution> recall() {
        return db.query(
                "read the gate's records of world " + worldId,
                () ->
                        db.jdbc()
                                .sql(
                                        "SELECT request_json, result_json FROM"
                                                + " service_gate_execution WHERE world_id = :world"
                                                + " ORDER BY seq")
                                .param("world", worldId)
                                .query(
                                        (rs, row) ->
                                                new Execution(
                                                        StateJson.read(
                                                                rs.getString(1),
                                                                ActionRequest.class),
                                                        StateJson.read(
                                                                rs.getString(2), ToolResult.class)))
                                .list());
    }
}
