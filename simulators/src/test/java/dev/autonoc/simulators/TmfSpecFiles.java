package dev.autonoc.simulators;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The official TM Forum specifications the façade and the HTTP clients conform to. They are this
 * module's test resources ({@code src/test/resources/tmf/}, with their README and licence note),
 * read from the test classpath, so the tests find them in any checkout and depend on no folder
 * around it.
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

    /** Where the specs sit on the test classpath. */
    static final String FOLDER = "tmf/";

    private TmfSpecFiles() {}

    /** The spec's file; fails naming the file and where it was looked for when it is absent. */
    static Path spec(String file) {
        URL url = TmfSpecFiles.class.getClassLoader().getResource(FOLDER + file);
        if (url == null) {
            throw new IllegalStateException(
                    "no TM Forum spec "
                            + file
                            + " on the test classpath under "
                            + FOLDER
                            + "; the specs are simulators/src/test/resources/"
                            + FOLDER
                            + " (see the README there)");
        }
        try {
            Path path = Path.of(url.toURI());
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException(
                        "the spec " + file + " at " + url + " is not a file");
            }
            return path;
        } catch (URISyntaxException | IllegalArgumentException e) {
            // a spec inside a jar: the validator reads files, and Maven runs tests from folders
            throw new IllegalStateException(
                    "the spec " + file + " at " + url + " is not a file", e);
        }
    }
}
