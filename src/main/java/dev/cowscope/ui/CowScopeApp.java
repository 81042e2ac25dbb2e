package dev.cowscope.ui;

import dev.cowscope.ui.common.AfterFrames;
import dev.cowscope.ui.common.AppPreferences;
import dev.cowscope.ui.common.AppPreferences.WindowGeometry;
import dev.cowscope.ui.common.FxDialogService;
import dev.cowscope.ui.common.FxTaskRunner;
import dev.cowscope.ui.desktop.AppIcons;
import dev.cowscope.ui.desktop.StartupProbe;
import dev.cowscope.ui.document.ImageOpener;
import dev.cowscope.ui.document.MainViewModel;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** The JavaFX application: one inspector window, remembered size and position. */
public final class CowScopeApp extends Application {
    public static final String STYLESHEET = "/dev/cowscope/ui/cowscope.css";

    private FxTaskRunner tasks;
    private MainViewModel model;

    @Override
    public void start(Stage stage) {
        StartupProbe.applicationStarted();
        AppPreferences preferences = AppPreferences.user();
        tasks = new FxTaskRunner();
        FxDialogService dialogs = new FxDialogService(stage);
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> Platform.runLater(
                () -> dialogs.showError("Unexpected error", error)));
        model = new MainViewModel(tasks, dialogs, preferences, ImageOpener.ENGINE);
        MainWindow window = new MainWindow(stage, model);
        window.setLinkOpener(getHostServices()::showDocument);
        show(stage, window, model, preferences);
        List<String> args = getParameters().getRaw();
        if (!args.isEmpty()) {
            openWhenDrawn(model, Path.of(args.get(0)));
        }
    }

    /**
     * Opens a file named on the command line once the window has drawn its first frames: opening
     * loads the engine and builds the inspector's views, and done at once a cold start showed a
     * blank white window for seconds; now the start page and "Opening …" show first.
     */
    static void openWhenDrawn(MainViewModel model, Path path) {
        model.reportStatus("Opening " + path.getFileName() + "…");
        AfterFrames.run(2, () -> model.open(path));
    }

    /** Puts the window on {@code stage} (also used by the UI tests). */
    public static Scene show(Stage stage, MainWindow window, MainViewModel model, AppPreferences preferences) {
        WindowGeometry geometry = preferences.windowGeometry();
        Scene scene = new Scene(window.root(), geometry.width(), geometry.height());
        scene.getStylesheets().add(CowScopeApp.class.getResource(STYLESHEET).toExternalForm());
        window.theme().attach(scene);
        stage.setScene(scene);
        stage.getIcons().setAll(AppIcons.all());
        stage.titleProperty().bind(model.titleProperty());
        stage.setMinWidth(WindowGeometry.MIN_WIDTH);
        stage.setMinHeight(WindowGeometry.MIN_HEIGHT);
        if (!Double.isNaN(geometry.x()) && !Double.isNaN(geometry.y())
                && !Screen.getScreensForRectangle(geometry.x(), geometry.y(), geometry.width(), geometry.height()).isEmpty()) {
            stage.setX(geometry.x());
            stage.setY(geometry.y());
        }
        stage.setMaximized(geometry.maximized());
        stage.setOnHiding(e -> preferences.saveWindowGeometry(stage.isMaximized()
                // maximized: keep the size to return to, remember only that it was maximized
                ? new WindowGeometry(geometry.x(), geometry.y(), geometry.width(), geometry.height(), true)
                : new WindowGeometry(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false)));
        StartupProbe.install(stage);
        stage.show();
        stage.requestFocus();
        // the inspector's views are built behind the start page once it is on screen (after the
        // start-up probe's frame)
        AfterFrames.run(3, window::prepareInspector);
        return scene;
    }

    @Override
    public void stop() {
        if (model != null) {
            model.close();
        }
        if (tasks != null) {
            tasks.shutdown();
        }
    }
}
