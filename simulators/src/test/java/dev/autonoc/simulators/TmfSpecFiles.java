package dev.autonoc.simulators;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The official TM Forum specifications in the shared folder ({@code ../shared/tmf} from the repo
 * root; in CI a copy sits beside the clone), found by walking up from the module directory.
 */
final class TmfSpecFiles {

    static final String TMF621 = "TMF621-TroubleTicket-v4.0.0.swagger.json";
    static final String TMF622 = "TMF622-ProductOrdering-v4.0.0.swagger.json";
    static final String TMF639 = "TMF639-ResourceInventory-v4.0.0.swagger.json";
    static final String TMF638 = "TMF638-ServiceInventory-v4.0.0.swagger.json";
    static final String TMF687 = "TMF687-Stock-v4.1.0.swagger.json";
    static final String TMF681 = "TMF681-Communication-v4.0.0.swagger.json";
    static final String TMF646 = "TMF646-Appointment-v4.0.0.swagger.json";
    static final String TMF640 = "TMF640-ServiceActivation-v4.0.0.swagger.json";
    static final String TMF678 = "TMF678-Customer_Bill-v4.0.0.swagger.json";

    private TmfSpecFiles() {}

    /** The folder that holds the specs; fails with what was searched when it is absent. */
    static Path folder() {
        return folder(Path.of("").toAbsolutePath());
    }

    static Path folder(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path tmf = dir.resolve("shared").resolve("tmf");
            if (Files.isRegularFile(tmf.resolve(TMF621))) {
                return tmf;
            }
        }
        throw new IllegalStateException(
                "the TM Forum specs are not in shared/tmf/ beside "
                        + start
                        + " or any folder above it; the conformance test needs the shared folder"
                        + " (../shared from the repo root, as CI lays it beside the clone) with "
                        + TMF621
                        + " and the other specs of its README");
    }

    static Path spec(String file) {
        Path p = folder().resolve(file);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("no spec " + file + " in " + folder());
        }
        return p;
    }
}
