package dev.autonoc.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TmfSpecFilesTest {

    static final List<String> SPECS =
            List.of(
                    TmfSpecFiles.TMF621,
                    TmfSpecFiles.TMF622,
                    TmfSpecFiles.TMF638,
                    TmfSpecFiles.TMF639,
                    TmfSpecFiles.TMF640,
                    TmfSpecFiles.TMF646,
                    TmfSpecFiles.TMF678,
                    TmfSpecFiles.TMF681,
                    TmfSpecFiles.TMF687);

    @Test
    void every_spec_the_conformance_test_reads_ships_with_the_module_as_swagger_2()
            throws IOException {
        for (String file : SPECS) {
            Path spec = TmfSpecFiles.spec(file);
            assertThat(spec).as(file).hasFileName(file);
            assertThat(Files.readString(spec)).as(file).contains("\"swagger\": \"2.0\"");
        }
    }

    @Test
    void the_specs_folder_lists_each_spec_in_its_readme_with_the_licence_note() throws IOException {
        Path folder = TmfSpecFiles.spec(TmfSpecFiles.TMF621).getParent();
        String readme = Files.readString(folder.resolve("README.md"));
        List<String> specs;
        try (Stream<Path> files = Files.list(folder)) {
            specs =
                    files.map(p -> p.getFileName().toString())
                            .filter(n -> n.endsWith(".json"))
                            .toList();
        }
        assertThat(specs).containsAll(SPECS);
        assertThat(specs).allSatisfy(name -> assertThat(readme).contains("`" + name + "`"));
        assertThat(readme).contains("## Licence").contains("Copyright");
    }

    @Test
    void an_absent_spec_fails_naming_the_file_and_where_the_specs_live() {
        assertThatThrownBy(() -> TmfSpecFiles.spec("TMF999-Nothing-v4.0.0.swagger.json"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TMF999-Nothing-v4.0.0.swagger.json")
                .hasMessageContaining("simulators/src/test/resources/tmf/");
    }
}
