package dev.cowscope.ui.merge;

import dev.cowscope.testkit.Fixtures;
import dev.cowscope.ui.common.AppPreferences;
import dev.cowscope.ui.common.CurrentThreadTaskRunner;
import dev.cowscope.ui.common.DialogService;
import dev.cowscope.ui.document.ImageOpener;
import dev.cowscope.ui.document.MainViewModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** The f1-merge kernel fixture and a main view model that runs every job on the calling thread. */
final class MergeFixture implements AutoCloseable {
    static final String TARGET_PREFIX = "0 65536 snapshot-merge ";

    final Path scenario = Fixtures.scenario("f1-merge");
    final Path cow = scenario.resolve("cow-premerge.img.gz");
    final Path origin = scenario.resolve("origin-before.img.gz");
    final List<String> errors = new CopyOnWriteArrayList<>();
    final Preferences prefs = Preferences.userRoot().node("dev/cowscope/merge-test-" + UUID.randomUUID());
    final MainViewModel main;

    MergeFixture() {
        DialogService dialogs = new DialogService() {
            @Override
            public void showError(String title, String message, Throwable detail) {
                errors.add(title + ": " + message);
            }

            @Override
            public void showInformation(String title, String message) {
            }
        };
        main = new MainViewModel(new CurrentThreadTaskRunner(), dialogs, new AppPreferences(prefs), ImageOpener.ENGINE);
    }

    String artifactSha(String name) {
        return Fixtures.manifest(scenario).path("artifacts").path(name).path("sha256").asText();
    }

    /** The whole lines the kernel printed during the merge, without the timestamps. */
    List<String> kernelStatusLines() {
        List<String> lines = new ArrayList<>();
        for (String line : Fixtures.lines(scenario.resolve("merge-status-f1.log"))) {
            String l = line.strip();
            int at = l.indexOf(' ');
            if (at > 0 && l.contains("snapshot-merge")) {
                lines.add(l.substring(at + 1));
            }
        }
        return lines;
    }

    @Override
    public void close() throws BackingStoreException {
        main.close();
        prefs.removeNode();
    }
}
