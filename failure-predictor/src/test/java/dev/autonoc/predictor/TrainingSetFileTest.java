package dev.autonoc.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingSetFileTest {

    @TempDir Path dir;

    @Test
    void a_written_set_reads_back_row_for_row() throws IOException {
        TrainingSet set = SyntheticModels.heldOut();
        Path file = dir.resolve("rows.bin");
        set.write(file);
        TrainingSet back = TrainingSet.read(file);
        assertThat(back.horizon()).isEqualTo(set.horizon());
        assertThat(back.runs()).isEqualTo(set.runs());
        assertThat(back.size()).isEqualTo(set.size());
        assertThat(back.positives()).isEqualTo(set.positives());
        for (int i = 0; i < set.size(); i += 997) {
            TrainingSet.Row a = set.rows().get(i);
            TrainingSet.Row b = back.rows().get(i);
            assertThat(b.run()).isEqualTo(a.run());
            assertThat(b.element()).isEqualTo(a.element());
            assertThat(b.family()).isEqualTo(a.family());
            assertThat(b.at()).isEqualTo(a.at());
            assertThat(b.features()).containsExactly(a.features());
            assertThat(b.label()).isEqualTo(a.label());
        }
    }

    @Test
    void refuses_a_file_that_is_not_a_training_set() throws IOException {
        Path file = dir.resolve("junk.bin");
        Files.write(file, new byte[] {0, 0, 0, 9, 1, 2, 3});
        assertThatThrownBy(() -> TrainingSet.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a training set");
    }
}
