package dev.autonoc.evals.cli;

import dev.autonoc.audit.AuditExportFile;
import dev.autonoc.audit.AuditFilter;
import dev.autonoc.audit.AuditStoreException;
import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.policy.Effect;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code autonoc audit show}: a ledger's entries, filtered, a page at a time. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = {
            "Lists a ledger's entries, filtered and a page at a time, one line per entry or"
                    + " --json (one export line per entry).",
            "Give either --db (an H2 file ledger) or FILE (a JSON Lines export). Filters"
                    + " combine with AND; --from is inclusive and --to exclusive, on the"
                    + " event's simulated time. When a page is full, the command to get the"
                    + " next one is printed on stderr."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the entries were listed (maybe none)",
            "2:bad input (no such ledger, a bad filter, both or neither source given)"
        })
final class AuditShow implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--db", paramLabel = "PATH", description = "An H2 file ledger.")
    Optional<Path> db;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "A JSON Lines export.")
    Optional<Path> export;

    @Option(names = "--case", paramLabel = "ID", description = "The case (correlation id).")
    Optional<String> caseId;

    @Option(names = "--element", paramLabel = "ID", description = "The network element.")
    Optional<String> element;

    @Option(
            names = "--tool",
            paramLabel = "NAME",
            description = "The tool named in the payload, e.g. order_part.")
    Optional<String> tool;

    @Option(
            names = "--actor",
            paramLabel = "WHO",
            description = "Who did it, e.g. agent:autonoc or a person's id.")
    Optional<String> actor;

    @Option(
            names = "--type",
            paramLabel = "TYPE",
            description = "The event type, one of: ${COMPLETION-CANDIDATES}.")
    Optional<AuditEventType> type;

    @Option(
            names = "--effect",
            paramLabel = "EFFECT",
            description = "A policy decision's effect, one of: ${COMPLETION-CANDIDATES}.")
    Optional<Effect> effect;

    @Option(
            names = "--from",
            paramLabel = "INSTANT",
            description = "Sim time at or after, ISO-8601 UTC, e.g. 2026-03-01T08:00:00Z.")
    Optional<String> from;

    @Option(names = "--to", paramLabel = "INSTANT", description = "Sim time before, ISO-8601 UTC.")
    Optional<String> to;

    @Option(
            names = "--after",
            paramLabel = "SEQ",
            defaultValue = "0",
            description = "Only entries after this sequence (the last one of the page before).")
    long after;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "100",
            description = "At most N entries, 1..10000 (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "One JSON Lines export line per entry.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!AuditCommand.oneSourceGiven(db, export, "show", err)) {
            return AutonocCli.BAD_INPUT;
        }
        AuditFilter filter;
        try {
            filter = filter();
        } catch (IllegalArgumentException | DateTimeException e) {
            err.println("autonoc audit show: " + e.getMessage());
            return AutonocCli.BAD_INPUT;
        }
        List<AuditEntry> entries;
        try {
            if (db.isPresent()) {
                try (JdbcAuditLog log = AuditCommand.openExisting(db.get(), "show", err)) {
                    if (log == null) {
                        return AutonocCli.BAD_INPUT;
                    }
                    entries = log.find(filter);
                }
            } else {
                if (!Files.isRegularFile(export.get())) {
                    err.println(
                            "autonoc audit show: "
                                    + AutonocCli.notAFile(export.get(), AuditCommand.LEDGER_FILE));
                    return AutonocCli.BAD_INPUT;
                }
                // show reads JSON Lines only: a CSV export is refused here too
                Optional<String> notLedger = AuditCommand.notALedger(export.get(), false);
                if (notLedger.isPresent()) {
                    err.println("autonoc audit show: " + notLedger.get());
                    return AutonocCli.BAD_INPUT;
                }
                entries = AuditExportFile.find(export.get(), filter);
            }
        } catch (UncheckedIOException | AuditStoreException e) {
            err.println("autonoc audit show: " + e.getMessage());
            return AutonocCli.BAD_INPUT;
        }
        for (AuditEntry e : entries) {
            out.println(json ? AuditExportFile.jsonLine(e) : line(e));
        }
        if (entries.size() == limit) {
            err.println(
                    "autonoc audit show: "
                            + limit
                            + " entries shown; there may be more: add --after "
                            + entries.get(entries.size() - 1).sequence());
        }
        out.flush();
        return 0;
    }

    private AuditFilter filter() {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("--limit must be 1..10000, got " + limit);
        }
        if (after < 0) {
            throw new IllegalArgumentException("--after must be 0 or more, got " + after);
        }
        AuditFilter.Builder b = AuditFilter.builder().afterSequence(after).limit(limit);
        caseId.ifPresent(b::correlationId);
        element.ifPresent(b::element);
        tool.ifPresent(b::tool);
        actor.ifPresent(b::actor);
        type.ifPresent(b::type);
        effect.ifPresent(e -> b.effect(e.name()));
        from.ifPresent(v -> b.from(instant("--from", v)));
        to.ifPresent(v -> b.to(instant("--to", v)));
        return b.build();
    }

    private static Instant instant(String option, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    option
                            + " '"
                            + value
                            + "' is not an ISO-8601 UTC instant such as"
                            + " 2026-03-01T08:00:00Z");
        }
    }

    /** {@code seq sim_time type case element actor [tool=…] [effect=…]}. */
    static String line(AuditEntry entry) {
        AuditEvent e = entry.event();
        StringBuilder line = new StringBuilder(160);
        line.append(entry.sequence())
                .append("  ")
                .append(e.simTime())
                .append("  ")
                .append(e.type().name())
                .append("  case=")
                .append(e.correlationId())
                .append("  element=")
                .append(e.element().isEmpty() ? "-" : e.element())
                .append("  actor=")
                .append(e.actor());
        for (String key : List.of("step", "tool", "effect", "verdict", "outcome", "status")) {
            Object v = e.payload().get(key);
            if (v != null) {
                line.append("  ").append(key).append('=').append(v);
            }
        }
        return line.toString();
    }
}
