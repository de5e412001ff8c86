package dev.autonoc.core.cases;

import dev.autonoc.core.CaseId;
import java.util.List;
import java.util.Optional;

/** Where cases are kept between steps, so that the loop can stop and resume at any step. */
public interface CaseStore {

    void save(CaseRecord record);

    Optional<CaseRecord> find(CaseId id);

    /** Cases still open, in the order they were opened. */
    List<CaseRecord> open();

    /** Every case, in the order they were opened. */
    List<CaseRecord> all();
}
