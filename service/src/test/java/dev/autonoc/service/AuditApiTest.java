package dev.autonoc.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.audit.AuditVerifier;
import dev.autonoc.audit.Checkpoint;
import dev.autonoc.audit.CheckpointSigner;
import dev.autonoc.audit.FileVerification;
import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.audit.MerkleTree;
import dev.autonoc.core.audit.AuditVerification;
import dev.autonoc.service.simulation.Simulation;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The audit API on the whole application and its real H2 ledger: queries and paging, signed
 * checkpoints, proofs that verify against them with the audit module's own verifier, the export.
 */
class AuditApiTest extends FullAppTestBase {

    @Autowired Simulation simulation;
    @Autowired JdbcAuditLog ledger;

    /**
     * The loop writes the ledger as simulated time passes: make sure there is something to read.
     */
    @BeforeEach
    void someHistory() {
        for (int i = 0; i < 8 && ledger.size() < 20; i++) {
            simulation.advance(Duration.ofHours(6));
        }
        assertThat(ledger.size())
                .as("entries after moving simulated time on")
                .isGreaterThanOrEqualTo(20);
    }

    @Test
    void an_operator_may_not_read_the_ledger() throws Exception {
        for (String path :
                List.of(
                        "/api/audit",
                        "/api/audit/checkpoints",
                        "/api/audit/public-key",
                        "/api/audit/export",
                        "/api/audit/proofs/inclusion?sequence=1&treeSize=1")) {
            HttpResponse<String> refused = call("GET", path, "operator");
            assertThat(refused.statusCode()).as(path).isEqualTo(403);
            assertThat(refused.body()).contains("[auditor, noc_supervisor]");
        }
    }

    @Test
    void filters_hold_for_every_entry_returned() throws Exception {
        JsonNode decisions =
                json("GET", "/api/audit?type=policy_decision&limit=1000", "auditor", null, 200);
        assertThat(decisions.at("/entries").size()).isPositive();
        String tool = decisions.at("/entries/0/payload/tool").asString();
        String effect = decisions.at("/entries/0/payload/effect").asString();
        String caseId = decisions.at("/entries/0/caseId").asString();
        String element = decisions.at("/entries/0/element").asString();

        JsonNode narrowed =
                json(
                        "GET",
                        "/api/audit?tool="
                                + tool
                                + "&effect="
                                + effect
                                + "&case="
                                + caseId
                                + "&element="
                                + element
                                + "&type=POLICY_DECISION",
                        "auditor",
                        null,
                        200);
        assertThat(narrowed.at("/entries").size()).isPositive();
        for (JsonNode e : narrowed.at("/entries")) {
            assertThat(e.at("/payload/tool").asString()).isEqualTo(tool);
            assertThat(e.at("/payload/effect").asString()).isEqualTo(effect);
            assertThat(e.at("/caseId").asString()).isEqualTo(caseId);
            assertThat(e.at("/element").asString()).isEqualTo(element);
        }

        JsonNode agentOnly =
                json("GET", "/api/audit?actor=agent:autonoc&limit=50", "supervisor", null, 200);
        agentOnly
                .at("/entries")
                .forEach(e -> assertThat(e.at("/actor").asString()).isEqualTo("agent:autonoc"));

        Instant from = simulation.status().startedAt().plus(Duration.ofHours(6));
        Instant to = from.plus(Duration.ofHours(12));
        JsonNode window =
                json(
                        "GET",
                        "/api/audit?from=" + from + "&to=" + to + "&limit=1000",
                        "auditor",
                        null,
                        200);
        for (JsonNode e : window.at("/entries")) {
            Instant at = Instant.parse(e.at("/simTime").asString());
            assertThat(at).isAfterOrEqualTo(from).isBefore(to);
        }
    }

    @Test
    void pages_follow_the_cursor_without_gaps_or_repeats() throws Exception {
        List<Long> seen = new ArrayList<>();
        String after = "0";
        for (int page = 0; page < 100 && after != null; page++) {
            JsonNode p = json("GET", "/api/audit?limit=7&after=" + after, "auditor", null, 200);
            p.at("/entries").forEach(e -> seen.add(e.at("/sequence").asLong()));
            JsonNode next = p.at("/nextAfter");
            after = next.isMissingNode() || next.isNull() ? null : next.asString();
            if (after != null) {
                assertThat(p.at("/entries").size()).isEqualTo(7);
            }
        }
        long size = ledger.size();
        assertThat(seen).hasSizeGreaterThanOrEqualTo((int) Math.min(size, 700));
        for (int i = 0; i < seen.size(); i++) {
            assertThat(seen.get(i)).isEqualTo(i + 1L);
        }
    }

    @Test
    void malformed_parameters_name_the_parameter_and_what_is_accepted() throws Exception {
        assertThat(json("GET", "/api/audit?limit=0", "auditor", null, 400).at("/detail").asString())
                .contains("from 1 to 1000");
        assertThat(
                        json("GET", "/api/audit?after=-3", "auditor", null, 400)
                                .at("/parameter")
                                .asString())
                .isEqualTo("after");
        assertThat(
                        json("GET", "/api/audit?from=yesterday", "auditor", null, 400)
                                .at("/detail")
                                .asString())
                .contains("ISO-8601");
        assertThat(
                        json("GET", "/api/audit?type=GOSSIP", "auditor", null, 400)
                                .at("/detail")
                                .asString())
                .contains("PREDICTION, CASE_OPENED");
        assertThat(
                        json("GET", "/api/audit?effect=MAYBE", "auditor", null, 400)
                                .at("/detail")
                                .asString())
                .contains("ALLOW", "REQUIRE_APPROVAL", "DENY");
        long size = ledger.size();
        assertThat(
                        json(
                                        "GET",
                                        "/api/audit/proofs/inclusion?sequence=1&treeSize="
                                                + (size + 5),
                                        "auditor",
                                        null,
                                        400)
                                .at("/parameter")
                                .asString())
                .isEqualTo("treeSize");
        assertThat(
                        json("GET", "/api/audit/proofs/inclusion?treeSize=3", "auditor", null, 400)
                                .at("/parameter")
                                .asString())
                .isEqualTo("sequence");
        assertThat(
                        json(
                                        "GET",
                                        "/api/audit/proofs/consistency?first=5&second=2",
                                        "auditor",
                                        null,
                                        400)
                                .at("/parameter")
                                .asString())
                .isEqualTo("first");
    }

    @Test
    void served_proofs_verify_against_served_signed_checkpoints() throws Exception {
        PublicKey key =
                CheckpointSigner.publicKey(
                        json("GET", "/api/audit/public-key", "auditor", null, 200)
                                .at("/key")
                                .asString());
        Checkpoint first = checkpoint(json("POST", "/api/audit/checkpoints", "auditor", null, 201));
        assertThat(CheckpointSigner.verify(first, key))
                .as("signature of the first checkpoint")
                .isTrue();

        for (int i = 0; i < 8 && ledger.size() == first.treeSize(); i++) {
            simulation.advance(Duration.ofHours(6));
        }
        Checkpoint second =
                checkpoint(json("POST", "/api/audit/checkpoints", "supervisor", null, 201));
        assertThat(second.treeSize()).isGreaterThan(first.treeSize());
        assertThat(CheckpointSigner.verify(second, key)).isTrue();

        JsonNode served = json("GET", "/api/audit/checkpoints", "auditor", null, 200);
        Set<Long> sizes = new HashSet<>();
        served.forEach(c -> sizes.add(c.at("/treeSize").asLong()));
        assertThat(sizes).contains(first.treeSize(), second.treeSize());

        // inclusion: the first, a middle and the last entry of the second checkpoint's tree
        long n = second.treeSize();
        for (long sequence : List.of(1L, n / 2, n)) {
            JsonNode p =
                    json(
                            "GET",
                            "/api/audit/proofs/inclusion?sequence=" + sequence + "&treeSize=" + n,
                            "auditor",
                            null,
                            200);
            String entryHash =
                    json("GET", "/api/audit?limit=1&after=" + (sequence - 1), "auditor", null, 200)
                            .at("/entries/0/hash")
                            .asString();
            assertThat(p.at("/entryHash").asString()).isEqualTo(entryHash);
            List<byte[]> proof = hexList(p.at("/proof"));
            byte[] leaf = MerkleTree.leafOfEntryHash(entryHash);
            assertThat(
                            MerkleTree.verifyInclusion(
                                    sequence - 1,
                                    n,
                                    leaf,
                                    proof,
                                    HexFormat.of().parseHex(second.rootHash())))
                    .as("inclusion of entry " + sequence + " in the signed tree of " + n)
                    .isTrue();
            // the same proof does not prove another entry
            byte[] other =
                    MerkleTree.leafOfEntryHash(
                            entryHash.replaceFirst(".", entryHash.charAt(0) == '0' ? "1" : "0"));
            assertThat(
                            MerkleTree.verifyInclusion(
                                    sequence - 1,
                                    n,
                                    other,
                                    proof,
                                    HexFormat.of().parseHex(second.rootHash())))
                    .isFalse();
        }

        // consistency: the second checkpoint's tree only appended to the first's
        JsonNode c =
                json(
                        "GET",
                        "/api/audit/proofs/consistency?first=" + first.treeSize() + "&second=" + n,
                        "auditor",
                        null,
                        200);
        assertThat(c.at("/firstRoot").asString()).isEqualTo(first.rootHash());
        assertThat(c.at("/secondRoot").asString()).isEqualTo(second.rootHash());
        assertThat(
                        MerkleTree.verifyConsistency(
                                first.treeSize(),
                                n,
                                HexFormat.of().parseHex(first.rootHash()),
                                HexFormat.of().parseHex(second.rootHash()),
                                hexList(c.at("/proof"))))
                .isTrue();
    }

    @Test
    void the_export_verifies_offline_with_the_served_key_and_the_key_lives_in_the_data_folder()
            throws Exception {
        json("POST", "/api/audit/checkpoints", "auditor", null, 201);
        String keyText =
                json("GET", "/api/audit/public-key", "auditor", null, 200).at("/key").asString();
        HttpResponse<String> export = call("GET", "/api/audit/export", "auditor");

        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("application/x-ndjson"));
        Path file = Files.createTempFile("autonoc-export-", ".jsonl");
        Files.writeString(file, export.body());
        AuditVerification verified =
                AuditVerifier.verifyExport(file, CheckpointSigner.publicKey(keyText));
        assertThat(verified.intact()).as(verified.detail()).isTrue();
        assertThat(verified.entriesChecked()).isGreaterThanOrEqualTo(20);
        // the export ends with a final checkpoint signed with the served key: whole, and proven so
        FileVerification whole =
                AuditVerifier.verifyFile(
                        file,
                        false,
                        CheckpointSigner.publicKey(keyText),
                        java.util.OptionalLong.empty());
        assertThat(whole.proven()).as(whole.explanation()).isTrue();
        assertThat(whole.completeness()).isEqualTo(FileVerification.Completeness.SEALED);
        List<String> lines = export.body().lines().toList();
        Path cut = Files.createTempFile("autonoc-export-cut-", ".jsonl");
        Files.write(cut, lines.subList(0, lines.size() - 3));
        assertThat(
                        AuditVerifier.verifyFile(
                                        cut,
                                        false,
                                        CheckpointSigner.publicKey(keyText),
                                        java.util.OptionalLong.empty())
                                .proven())
                .as("a copy cut short")
                .isFalse();

        HttpResponse<String> csv = call("GET", "/api/audit/export?format=csv", "auditor");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("text/csv"));
        assertThat(csv.body()).startsWith("sequence,recorded_at,sim_time,type");
        // every entry of the JSON Lines export is a row of the CSV (which may add checkpoint rows)
        for (String line : export.body().lines().toList()) {
            JsonNode item = JSON.readTree(line);
            if (item.has("hash")) {
                assertThat(csv.body()).contains("," + item.at("/hash").asString() + ",");
            }
        }
        assertThat(
                        json("GET", "/api/audit/export?format=xml", "auditor", null, 400)
                                .at("/detail")
                                .asString())
                .contains("jsonl, csv");

        Path keyFile = DATA_DIR.resolve("audit-checkpoint.key");
        assertThat(keyFile).exists();
        assertThat(Files.readAllLines(keyFile).get(1)).isEqualTo(keyText);
        assertThat(json("GET", "/api/audit/verify", "auditor", null, 200).at("/intact").asBoolean())
                .isTrue();
    }

    private static Checkpoint checkpoint(JsonNode c) {
        return new Checkpoint(
                c.at("/treeSize").asLong(),
                c.at("/rootHash").asString(),
                Instant.parse(c.at("/time").asString()),
                c.at("/signature").asString());
    }

    private static List<byte[]> hexList(JsonNode array) {
        List<byte[]> out = new ArrayList<>();
        array.forEach(h -> out.add(HexFormat.of().parseHex(h.asString())));
        return out;
    }
}
