package dev.autonoc.tools.catalogue;

import java.util.List;
import java.util.Map;

/** Casts for reading JSON-like trees in tests. */
final class ContractTrees {

    private ContractTrees() {}

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
