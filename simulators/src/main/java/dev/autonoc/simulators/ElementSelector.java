package dev.autonoc.simulators;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import java.util.Optional;

/** Which element a fault strikes: one by id, or one chosen by the seed among those that match. */
public sealed interface ElementSelector {

    record ById(ElementId id) implements ElementSelector {}

    record ByMatch(Optional<ElementKind> kind, Optional<String> role, Optional<String> region)
            implements ElementSelector {}
}
