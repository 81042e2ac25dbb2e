package dev.cowscope.ui.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.testkit.Fixtures;
import dev.cowscope.ui.common.AppPreferences;
import dev.cowscope.ui.common.CurrentThreadTaskRunner;
import dev.cowscope.ui.common.ErrorRecorder;
import dev.cowscope.ui.document.ImageOpener;
import dev.cowscope.ui.document.MainViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #12 item 20 in the window: exporting the view over a too-short origin ends in the error dialog, no file. */
class ExportViewModelTest {
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final Preferences prefs = Preferences.userRoot().node("dev/cowscope/export-test-" + UUID.randomUUID());
    private final MainViewModel main = new MainViewModel(new CurrentThreadTaskRunner(), new ErrorRecorder(errors), new AppPreferences(prefs), ImageOpener.ENGINE);

    @TempDir
    Path temp;

    @AfterEach
    void close() throws Exception {
        main.close();
        prefs.removeNode();
    }

    @Test
    void aTooShortOriginIsRefusedInTheErrorDialog() throws Exception {
        Path scenario = Fixtures.scenario("d1-origin-writes");
        main.open(scenario.resolve("cow-after.img.gz"));
        main.attachOrigin(Files.write(temp.resolve("passwd"), new byte[1221]));
        assertThat(main.originProperty().get()).isNotNull();
        Path target = temp.resolve("view.img");
        new ExportViewModel(main).exportSnapshotView(target);
        assertThat(errors).singleElement().asString().contains("Cannot export the snapshot view", "past the end of the origin",
                "not the origin the COW was made on");
        assertThat(target).doesNotExist();
    }

    @Test
    void theRightOriginExportsTheKernelsBytes() throws Exception {
        Path scenario = Fixtures.scenario("d1-origin-writes");
        main.open(scenario.resolve("cow-after.img.gz"));
        main.attachOrigin(scenario.resolve("origin-after.img.gz"));
        Path target = temp.resolve("view.img");
        new ExportViewModel(main).exportSnapshotView(target);
        assertThat(errors).isEmpty();
        assertThat(Fixtures.sha256(target))
                .isEqualTo(Fixtures.manifest(scenario).path("artifacts").path("snapshot-view").path("sha256").asText());
    }
}
