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
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** The JavaFX application: one inspector window, remembered size and position. */
public final class CowScopeApp extends Application {
    public static final String STYLESHEET = "/dev/cowscope/ui/cowscope.css";

    /** The first frame has been rendered by then (the pulse after it runs the action). */
    static final int OPEN_AFTER_FRAMES = 2;

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
            openOnceShown(model, Path.of(args.get(0)));
        }
    }

    /**
     * Opens the file given on the command line once the window's first frame is on screen: the
     * frame and the open's progress show at once instead of a blank window while the first open
     * competes with the first layout and styling for the FX thread and the cores.
     */
    static void openOnceShown(MainViewModel model, Path file) {
        model.reportStatus("Opening " + file.getFileName() + "…");
        AfterFrames.run(OPEN_AFTER_FRAMES, () -> model.open(file));
    }

    /** Puts the window on {@code stage} (also used by the UI tests). */
    public static Scene show(Stage stage, MainWindow window, MainViewModel model, AppPreferences preferences) {
        WindowGeometry saved = preferences.windowGeometry();
        Rectangle2D screen = screenFor(saved).getVisualBounds();
        // a window larger than the screen is shrunk by the window manager to some small size of its own
        WindowGeometry geometry = saved.fittedTo(screen.getWidth(), screen.getHeight(), preferences.hasWindowGeometry());
        Scene scene = new Scene(window.root(), geometry.width(), geometry.height());
        scene.getStylesheets().add(CowScopeApp.class.getResource(STYLESHEET).toExternalForm());
        window.theme().attach(scene);
        stage.setScene(scene);
        // the window's size, as it is saved (the scene's alone would grow by the decorations each run)
        stage.setWidth(geometry.width());
        stage.setHeight(geometry.height());
        stage.getIcons().setAll(AppIcons.all());
        stage.titleProperty().bind(model.titleProperty());
        stage.setMinWidth(Math.min(WindowGeometry.MIN_WIDTH, geometry.width()));
        stage.setMinHeight(Math.min(WindowGeometry.MIN_HEIGHT, geometry.height()));
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
        keepFirstSize(stage, geometry);
        stage.requestFocus();
        // the inspector's views are built behind the start page once it is on screen (after the
        // start-up probe's frame)
        AfterFrames.run(3, window::prepareInspector);
        return scene;
    }

    /**
     * GTK under a window manager (openbox at least) maps the window at its minimum size, not the
     * scene's: a shrink to the minimum while it comes up is answered with the size asked for.
     */
    private static void keepFirstSize(Stage stage, WindowGeometry geometry) {
        if (geometry.maximized()) {
            return;
        }
        double width = stage.getWidth();
        double height = stage.getHeight();
        javafx.beans.InvalidationListener restore = new javafx.beans.InvalidationListener() {
            @Override
            public void invalidated(javafx.beans.Observable o) {
                // the window manager's shrink goes down to the minimum size; a person's resize rarely does
                boolean toMinimum = stage.getWidth() <= stage.getMinWidth() + 1 || stage.getHeight() <= stage.getMinHeight() + 1;
                if (toMinimum && (stage.getWidth() < width - 1 || stage.getHeight() < height - 1)) {
                    stage.widthProperty().removeListener(this);
                    stage.heightProperty().removeListener(this);
                    Platform.runLater(() -> {
                        stage.setWidth(width);
                        stage.setHeight(height);
                    });
                }
            }
        };
        stage.widthProperty().addListener(restore);
        stage.heightProperty().addListener(restore);
        // after start-up, resizes are the user's
        javafx.animation.PauseTransition settle = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(3));
        settle.setOnFinished(e -> {
            stage.widthProperty().removeListener(restore);
            stage.heightProperty().removeListener(restore);
        });
        settle.play();
    }

    /** The screen the window was last on, else the primary one. */
    private static Screen screenFor(WindowGeometry geometry) {
        if (!Double.isNaN(geometry.x()) && !Double.isNaN(geometry.y())) {
            List<Screen> screens = Screen.getScreensForRectangle(geometry.x(), geometry.y(), geometry.width(), geometry.height());
            if (!screens.isEmpty()) {
                return screens.get(0);
            }
        }
        return Screen.getPrimary();
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
