package dev.autonoc.audit;

import dev.autonoc.core.audit.AuditVerification;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What {@link AuditVerifier#verifyFile} found in an export: whether its chain and checkpoints hold,
 * whether they were checked against a public key the auditor holds, and whether the file is shown
 * to be whole (not cut short). A file is {@link #proven()} only when all three hold: an intact
 * chain alone says nothing against someone who rewrote or cut the file, since they can recompute
 * every hash.
 *
 * @param chain the chain and checkpoints' verdict, as {@link AuditVerifier#verifyExport} gives it
 * @param signaturesChecked whether every checkpoint's signature was checked with the auditor's key
 * @param completeness what shows that nothing was cut off the end
 * @param lastSequence the sequence of the file's last entry (0 if it has none)
 * @param expectedSize the last entry's sequence as the auditor knows it from elsewhere, if given
 */
public record FileVerification(
        AuditVerification chain,
        boolean signaturesChecked,
        Completeness completeness,
        long lastSequence,
        OptionalLong expectedSize) {

    /** What shows a file is whole, or why nothing does. */
    public enum Completeness {
        /** A final checkpoint, signed with the auditor's key, covers the last entry. */
        SEALED,
        /** The last entry is the one the auditor expected (given from elsewhere). */
        EXPECTED_SIZE,
        /** Entries are missing: the file ends before the size the auditor expected. */
        CUT_SHORT,
        /** The file goes on past the size the auditor expected. */
        LONGER_THAN_EXPECTED,
        /** The file holds no entry at all. */
        EMPTY,
        /** Nothing shows whether entries were cut off the end. */
        UNPROVEN
    }

    public FileVerification {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(completeness, "completeness");
        Objects.requireNonNull(expectedSize, "expectedSize");
    }

    static FileVerification of(
            AuditVerifier.Walked walked, boolean signaturesChecked, OptionalLong expectedSize) {
        AuditVerification chain = walked.verification();
        long last = walked.lastSequence();
        Completeness completeness;
        if (!chain.intact()) {
            completeness = Completeness.UNPROVEN;
        } else if (expectedSize.isPresent() && last < expectedSize.getAsLong()) {
            completeness = Completeness.CUT_SHORT;
        } else if (expectedSize.isPresent() && last > expectedSize.getAsLong()) {
            completeness = Completeness.LONGER_THAN_EXPECTED;
        } else if (walked.closing() != null && signaturesChecked) {
            completeness = Completeness.SEALED;
        } else if (last == 0 && walked.closing() == null) {
            completeness = Completeness.EMPTY;
        } else if (expectedSize.isPresent()) {
            completeness = Completeness.EXPECTED_SIZE;
        } else {
            completeness = Completeness.UNPROVEN;
        }
        return new FileVerification(chain, signaturesChecked, completeness, last, expectedSize);
    }

    /** Whether the file is intact, signed by the auditor's key, and shown to be whole. */
    public boolean proven() {
        return chain.intact()
                && signaturesChecked
                && (completeness == Completeness.SEALED
                        || completeness == Completeness.EXPECTED_SIZE);
    }

    /**
     * Whether the file is shown to be wrong: a broken chain or checkpoint, no entry at all, or a
     * size other than the one expected. A file that is neither proven nor broken is unproven.
     */
    public boolean broken() {
        return !chain.intact()
                || completeness == Completeness.CUT_SHORT
                || completeness == Completeness.LONGER_THAN_EXPECTED
                || completeness == Completeness.EMPTY;
    }

    /** What the verdict rests on and what it lacks, in words, for the auditor. */
    public String explanation() {
        return switch (completeness) {
            case SEALED ->
                    lastSequence == 0
                            ? "a final checkpoint signed with your key says the file holds no entry"
                            : "a final checkpoint signed with your key covers entry "
                                    + lastSequence;
            case EXPECTED_SIZE -> "its last entry is " + lastSequence + ", the size you expected";
            case CUT_SHORT ->
                    "entries "
                            + (lastSequence + 1)
                            + ".."
                            + expectedSize.orElse(lastSequence)
                            + " are missing: the file ends at entry "
                            + lastSequence
                            + " but "
                            + expectedSize.orElse(lastSequence)
                            + " were expected (cut off the end)";
            case LONGER_THAN_EXPECTED ->
                    "it holds "
                            + lastSequence
                            + " entries, more than the "
                            + expectedSize.orElse(lastSequence)
                            + " expected";
            case EMPTY ->
                    "it holds no entry, and no final checkpoint signed with your key says it"
                            + " should be empty: an empty file proves nothing";
            case UNPROVEN ->
                    chain.intact()
                            ? "nothing shows that entries were not cut off the end: it has no final"
                                    + " checkpoint"
                                    + (signaturesChecked ? "" : " whose signature was checked")
                                    + ", and no --expected-size was given"
                            : "the chain or a checkpoint does not hold";
        };
    }
}
