package dev.cowscope.ui;

import dev.cowscope.ui.common.AppPreferences;
import dev.cowscope.ui.common.DialogService;
import dev.cowscope.ui.common.FxTaskRunner;
import dev.cowscope.ui.document.ImageOpener;
import dev.cowscope.ui.document.MainViewModel;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real main window on Monocle with the engine behind it, a throw-away preferences node and a
 * dialog service that records what it would have shown ({@link #dialogs}). Subclasses declare
 * {@code @Start void start(Stage stage) { showWindow(stage); }}.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
public abstract class WindowUiTest {
    /** "title: message" of every dialog the window asked for. */
    protected final List<String> dialogs = new CopyOnWriteArrayList<>();
    protected final Preferences prefsNode = Preferences.userRoot().node("dev/cowscope/ui-test-" + UUID.randomUUID());
    protected FxTaskRunner tasks;
    protected AppPreferences preferences;
    protected MainViewModel model;
    protected MainWindow window;
    protected Stage stage;

    /** Call from the test's own {@code @Start} method (TestFX looks only at the test class's methods). */
    protected void showWindow(Stage stage) {
        showWindowAtFirstSize(stage);
        UiTestSupport.placeAtScreenshotSize(stage);
    }

    /** The window at the size it chooses itself with no remembered geometry. */
    protected void showWindowAtFirstSize(Stage stage) {
        this.stage = stage;
        tasks = new FxTaskRunner(getClass().getSimpleName(), 2);
        DialogService recording = new DialogService() {
            @Override
            public void showError(String title, String message, Throwable detail) {
                dialogs.add(title + ": " + message);
            }

            @Override
            public void showInformation(String title, String message) {
                dialogs.add(title + ": " + message);
            }
        };
        preferences = new AppPreferences(prefsNode);
        model = new MainViewModel(tasks, recording, preferences, ImageOpener.ENGINE);
        window = new MainWindow(stage, model);
        CowScopeApp.show(stage, window, model, preferences);
    }

    @AfterEach
    protected void closeWindow() throws Exception {
        Platform.runLater(() -> {
            stage.hide();
            model.close();
        });
        WaitForAsyncUtils.waitForFxEvents();
        tasks.shutdown();
        prefsNode.removeNode();
    }
}
