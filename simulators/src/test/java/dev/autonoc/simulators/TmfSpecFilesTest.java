package dev.autonoc.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TmfSpecFilesTest {

    @Test
    void finds_the_shared_specs_beside_a_folder_above_the_module(@TempDir Path root)
            throws IOException {
        Path tmf = Files.createDirectories(root.resolve("shared/tmf"));
        Files.writeString(tmf.resolve(TmfSpecFiles.TMF621), "{}");
        Path module = Files.createDirectories(root.resolve("clone/simulators"));

        assertThat(TmfSpecFiles.folder(module)).isEqualTo(tmf);
    }

    @Test
    void without_the_shared_folder_fails_saying_where_it_looked_and_what_it_needs(
            @TempDir Path root) throws IOException {
        Path module = Files.createDirectories(root.resolve("clone/simulators"));

        assertThatThrownBy(() -> TmfSpecFiles.folder(module))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shared/tmf")
                .hasMessageContaining(module.toString())
                .hasMessageContaining(TmfSpecFiles.TMF621);
    }
}
