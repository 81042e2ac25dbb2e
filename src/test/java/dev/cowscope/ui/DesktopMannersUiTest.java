package dev.cowscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.report.Product;
import dev.cowscope.testkit.CowImageBuilder;
import dev.cowscope.ui.about.Shortcut;
import dev.cowscope.ui.about.Shortcuts;
import dev.cowscope.ui.common.AppPreferences;
import dev.cowscope.ui.common.FxTaskRunner;
import dev.cowscope.ui.document.ImageOpener;
import dev.cowscope.ui.document.MainViewModel;
import dev.cowscope.ui.theme.Theme;
import dev.cowscope.ui.theme.ThemeChoice;
import dev.cowscope.ui.theme.ThemeSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.image.Image;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The desktop manners: title, icons, About, keyboard shortcuts, theme, recent files, last directory. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class DesktopMannersUiTest {
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final Preferences prefsNode = Preferences.userRoot().node("dev/cowscope/ui-test-" + UUID.randomUUID());
    private AppPreferences preferences;
    private FxTaskRunner tasks;
    private MainViewModel model;
    private MainWindow window;
    private Stage stage;

    @TempDir
    Path temp;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        tasks = new FxTaskRunner("manners-test", 1);
        preferences = new AppPreferences(prefsNode);
        model = new MainViewModel(tasks, dialogs, preferences, ImageOpener.ENGINE);
        window = new MainWindow(stage, model);
        CowScopeApp.show(stage, window, model, preferences);
    }

    @AfterEach
    void tearDown() throws Exception {
        Platform.runLater(() -> {
            for (javafx.stage.Window w : new ArrayList<>(javafx.stage.Window.getWindows())) {
                if (w != stage) {
                    w.hide();
                }
            }
            stage.hide();
            model.close();
        });
        WaitForAsyncUtils.waitForFxEvents();
        tasks.shutdown();
        prefsNode.removeNode();
    }

    @Test
    void titleAndIcons() throws Exception {
        assertThat(stage.getTitle()).isEqualTo("CowScope");
        List<Double> widths = stage.getIcons().stream().map(Image::getWidth).toList();
        assertThat(widths).contains(16.0, 32.0, 256.0);
        assertThat(stage.getIcons()).allSatisfy(icon -> assertThat(icon.isError()).isFalse());

        Path cow = CowImageBuilder.cow().deviceBytes(64 * 4096).exceptions(0, 10).writeTo(temp.resolve("small.cow"));
        Platform.runLater(() -> model.open(cow));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.document() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.getTitle()).isEqualTo("small.cow — CowScope");
    }

    @Test
    void aboutShowsTheVersionAndLicence(FxRobot robot) throws Exception {
        fire("menu-about");
        Label version = robot.lookup("#about-version").queryAs(Label.class);
        assertThat(version.getText()).isEqualTo("Version " + Product.version());
        assertThat(robot.lookup("#about-licence").queryAs(Label.class).getText()).contains("Apache-2.0");
        DialogPane pane = robot.lookup("#about-dialog").queryAs(DialogPane.class);
        UiTestSupport.screenshot("about", pane);
    }

    @Test
    void keyboardShortcutsListEveryAccelerator(FxRobot robot) throws Exception {
        List<String> expected = new ArrayList<>();
        for (Menu menu : window.menuBarNode().getMenus()) {
            acceleratorsOf(menu, expected);
        }
        assertThat(expected).contains("Ctrl+O", "F1", "Ctrl+1");
        assertThat(Shortcuts.of(window.menuBarNode())).extracting(Shortcut::keys).containsExactlyElementsOf(expected);

        fire("menu-shortcuts");
        Node grid = robot.lookup("#shortcuts-grid").query();
        List<String> shown = robot.from(grid).lookup(".label").queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertThat(shown).containsAll(expected).contains("Open COW…", "Export ▸ Report JSON…", "About CowScope", "Keyboard shortcuts");
        assertThat(Shortcuts.of(window.menuBarNode())).extracting(Shortcut::menu).containsSubsequence("File", "View", "Help")
                .filteredOn("File"::equals).hasSizeGreaterThan(4);
        UiTestSupport.screenshot("shortcuts", robot.lookup("#shortcuts-dialog").queryAs(DialogPane.class));
    }

    @Test
    void theThemeSwitchChangesTheStylesheetAndIsRemembered() throws Exception {
        fire("theme-dark");
        assertThat(stage.getScene().getStylesheets()).anyMatch(css -> css.endsWith("cowscope-dark.css"));
        assertThat(window.theme().theme()).isEqualTo(Theme.DARK);
        assertThat(preferences.theme("")).isEqualTo("DARK");
        UiTestSupport.screenshot("start-page-dark", stage.getScene().getRoot());
        fire("menu-about");
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane about = (DialogPane) javafx.stage.Window.getWindows().stream().filter(w -> w != stage)
                .map(w -> w.getScene().getRoot()).filter(r -> r instanceof DialogPane).findFirst().orElseThrow();
        assertThat(about.getScene().getStylesheets()).anyMatch(css -> css.endsWith("cowscope-dark.css"));
        UiTestSupport.screenshot("about-dark", about);

        ThemeSettings again = new ThemeSettings(preferences, () -> Theme.LIGHT);
        assertThat(again.choiceProperty().get()).isEqualTo(ThemeChoice.DARK);

        fire("theme-light");
        assertThat(stage.getScene().getStylesheets()).noneMatch(css -> css.endsWith("cowscope-dark.css"))
                .anyMatch(css -> css.endsWith("cowscope.css"));
        assertThat(about.getScene().getStylesheets()).noneMatch(css -> css.endsWith("cowscope-dark.css"));
    }

    @Test
    void inTheDarkThemeTheMapBackgroundIsDarkAndTheAutoPromptReadable(FxRobot robot) throws Exception {
        Platform.runLater(() -> UiTestSupport.placeAtScreenshotSize(stage));
        fire("theme-dark");
        Path cow = CowImageBuilder.cow().deviceBytes(64 * 4096).exceptions(0, 10).writeTo(temp.resolve("dark.cow"));
        Platform.runLater(() -> model.open(cow));
        dev.cowscope.ui.UiTestSupport.waitUntil(() -> model.document() != null);
        dev.cowscope.ui.map.MapCanvas map = window.chunkMapView().canvas();
        // the gutters and the space past the last chunk: the bottom-right corner of the map
        dev.cowscope.ui.UiTestSupport.waitUntil(() -> {
            javafx.scene.image.WritableImage shot = map.mapPane().snapshot(null, null);
            javafx.scene.paint.Color c = shot.getPixelReader().getColor((int) shot.getWidth() - 3, (int) shot.getHeight() - 3);
            // and the cells are painted: chunk 0, the header, in its own colour
            int header = shot.getPixelReader().getArgb(8, 8);
            return c.getBrightness() < 0.25 && header == dev.cowscope.ui.map.CowChunkRole.HEADER.argb();
        });
        javafx.scene.control.TextField chunkSize = robot.lookup("#table-chunk-size").queryAs(javafx.scene.control.TextField.class);
        assertThat(chunkSize.getText()).isEmpty();
        javafx.scene.text.Text prompt = robot.from(chunkSize).lookup(".text").queryAllAs(javafx.scene.text.Text.class).stream()
                .filter(t -> "auto".equals(t.getText())).findFirst().orElseThrow();
        javafx.scene.paint.Color fill = (javafx.scene.paint.Color) prompt.getFill();
        // readable on the dark field: clearly lighter than its background
        assertThat(fill.getBrightness()).isGreaterThan(0.5);
        UiTestSupport.screenshot("chunk-map-dark", stage.getScene().getRoot());
        fire("theme-light");
    }

    @Test
    void recentFilesCanBeCleared() throws Exception {
        Path cow = CowImageBuilder.cow().deviceBytes(64 * 4096).exceptions(0, 10).writeTo(temp.resolve("recent.cow"));
        Platform.runLater(() -> model.open(cow));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !model.recentFiles().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(preferences.recentFiles()).containsExactly(cow.toAbsolutePath().normalize());
        fire("clear-recent");
        assertThat(model.recentFiles()).isEmpty();
        assertThat(preferences.recentFiles()).isEmpty();
        assertThat(find("clear-recent")).isNull();
    }

    @Test
    void aHiddenStartPageRebuildsItsRecentFilesOnlyWhenShownAgain() throws Exception {
        // a window of its own, whose preferences already list a recent file
        Path earlier = temp.resolve("earlier.cow");
        AppPreferences seeded = new AppPreferences(prefsNode.node("seeded"));
        seeded.addRecentFile(earlier);
        MainViewModel other = WaitForAsyncUtils.asyncFx(() -> {
            MainViewModel m = new MainViewModel(tasks, dialogs, seeded, ImageOpener.ENGINE);
            Stage s = new Stage();
            CowScopeApp.show(s, new MainWindow(s, m), m, seeded);
            return m;
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.layout.VBox recent = (javafx.scene.layout.VBox) javafx.stage.Window.getWindows().stream()
                .map(w -> w.getScene().lookup(".recent-files")).filter(n -> n != null && n.getScene() != stage.getScene())
                .findFirst().orElseThrow();
        javafx.scene.Node link = recent.getChildren().get(0);
        assertThat(((javafx.scene.control.Hyperlink) link).getText()).isEqualTo(earlier.toAbsolutePath().normalize().toString());

        WaitForAsyncUtils.asyncFx(other::showTools).get(); // a planning tool hides the start page
        WaitForAsyncUtils.asyncFx(other::clearRecentFiles).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(other.recentFiles()).isEmpty();
        // hidden, the page is not rebuilt (no CSS, layout or repaint behind the tools)
        assertThat(recent.getChildren()).containsExactly(link);

        WaitForAsyncUtils.asyncFx(other::hideTools).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(recent.getChildren()).hasSize(1).first().isInstanceOf(Label.class)
                .extracting(n -> ((Label) n).getText()).isEqualTo("None yet");
        WaitForAsyncUtils.asyncFx(other::close).get();
    }

    @Test
    void fileChoosersStartInTheLastDirectory() throws Exception {
        Path dir = java.nio.file.Files.createDirectories(temp.resolve("images"));
        window.directories().remember(dir.resolve("a.cow").toFile());
        assertThat(preferences.lastDirectory()).contains(dir.toAbsolutePath().normalize());
        FileChooser chooser = new FileChooser();
        window.directories().prepare(chooser);
        assertThat(chooser.getInitialDirectory()).isEqualTo(dir.toAbsolutePath().normalize().toFile());

        preferences.saveLastDirectory(temp.resolve("gone"));
        FileChooser fresh = new FileChooser();
        window.directories().prepare(fresh);
        assertThat(fresh.getInitialDirectory()).isNull();
    }

    private void fire(String id) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            MenuItem item = find(id);
            assertThat(item).as("menu item #%s", id).isNotNull();
            item.fire();
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private MenuItem find(String id) {
        for (Menu menu : window.menuBarNode().getMenus()) {
            MenuItem found = find(menu, id);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static MenuItem find(Menu menu, String id) {
        for (MenuItem item : menu.getItems()) {
            if (id.equals(item.getId())) {
                return item;
            }
            if (item instanceof Menu sub) {
                MenuItem found = find(sub, id);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static void acceleratorsOf(Menu menu, List<String> out) {
        for (MenuItem item : menu.getItems()) {
            if (item instanceof Menu sub) {
                acceleratorsOf(sub, out);
            } else if (item.getAccelerator() != null) {
                out.add(item.getAccelerator().getDisplayText());
            }
        }
    }
}
