package io.auditcover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.engine.PricingFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pricing apply} puts a calibration file into service through the engine, once per version. */
class PricingCommandTest {
    @TempDir
    Path directory;

    @Test
    void applying_a_parameter_file_sets_the_pricing_of_new_quotes_and_repeating_it_changes_nothing() throws IOException {
        var bundled = PricingFile.bundled();
        Path file = directory.resolve("parameters.json");
        Files.writeString(file, PricingFile.toJson(bundled.withCalibration("recalibrated-1", bundled.calibration())));
        Path data = directory.resolve("data");
        var first = CalibrateCommandTest.run("pricing", "apply", "--data-dir", data.toString(), file.toString());
        assertThat(first.code()).as(first.stderr()).isZero();
        assertThat(first.stdout()).contains("parameters recalibrated-1 in service");
        var again = CalibrateCommandTest.run("pricing", "apply", "--data-dir", data.toString(), file.toString());
        assertThat(again.code()).isZero();
        assertThat(again.stdout()).contains("already applied");
        var directoryOption = new DataDirectory();
        directoryOption.path = data;
        assertThat(directoryOption.rebuildState().pricing().version()).isEqualTo("recalibrated-1");
    }

    @Test
    void a_file_that_is_not_a_parameter_file_is_refused_and_nothing_is_logged() throws IOException {
        Path file = Files.writeString(directory.resolve("bad.json"), "{\"version\":\"x\"}");
        Path data = directory.resolve("data");
        var run = CalibrateCommandTest.run("pricing", "apply", "--data-dir", data.toString(), file.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.stderr()).contains("bad.json is not a parameter file");
        assertThat(data).doesNotExist();
    }
}
