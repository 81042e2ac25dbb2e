package dev.cowscope.ui.android;

import static dev.cowscope.ui.UiTestSupport.screenshot;
import static dev.cowscope.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.android.AndroidOpType;
import dev.cowscope.ui.CowScopeApp;
import dev.cowscope.ui.MainWindow;
import dev.cowscope.ui.common.AppPreferences;
import dev.cowscope.ui.common.FxTaskRunner;
import dev.cowscope.ui.common.DialogService;
import dev.cowscope.ui.document.ImageOpener;
import dev.cowscope.ui.document.MainViewModel;
import dev.cowscope.ui.map.MapCanvas;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** An Android COW written by AOSP's writer, opened in the window: its tab, block map, ops table, find and chart. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class AndroidCowViewUiTest {
    private static final Path FIXTURES = Path.of("..", "shared", "fixtures", "android");
    private final Preferences prefsNode = Preferences.userRoot().node("dev/cowscope/ui-test-" + UUID.randomUUID());
    private final List<String> errors = new ArrayList<>();
    private FxTaskRunner tasks;
    private MainViewModel model;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        tasks = new FxTaskRunner("ui-test", 2);
        AppPreferences preferences = new AppPreferences(prefsNode);
        model = new MainViewModel(tasks, new DialogService() {
            @Override
            public void showError(String title, String message, Throwable cause) {
                errors.add(title + ": " + message);
            }

            @Override
            public void showInformation(String title, String message) {
            }
        }, preferences, ImageOpener.ENGINE);
        window = new MainWindow(stage, model);
        CowScopeApp.show(stage, window, model, preferences);
        dev.cowscope.ui.UiTestSupport.placeAtScreenshotSize(stage);
    }

    @AfterEach
    void tearDown() throws Exception {
        Platform.runLater(() -> {
            stage.hide();
            model.close();
        });
        WaitForAsyncUtils.waitForFxEvents();
        tasks.shutdown();
        prefsNode.removeNode();
    }

    @Test
    void anAndroidCowOpensInItsTabWithMapOpsAndCompression(FxRobot robot) throws Exception {
        Path cow = FIXTURES.resolve("v3_lz4/v3_lz4.cow");
        Platform.runLater(() -> model.open(cow));
        waitUntil(() -> model.androidDocument() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(errors).isEmpty();
        assertThat(model.document()).isNull();
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-" + MainViewModel.ANDROID_TAB);
        assertThat(tabs.getTabs().stream().filter(t -> t.getId().equals("tab-chunk-map")).findFirst().orElseThrow().isDisable()).isTrue();
        assertThat(stage.getTitle()).startsWith("v3_lz4.cow");

        AndroidCowView view = window.androidCowView();
        MapCanvas map = view.canvas();
        waitUntil(() -> map.framesPaintedProperty().get() > 0 && map.viewportProperty().get().chunkCount() > 0);
        WaitForAsyncUtils.waitForFxEvents();
        var doc = model.androidDocument();
        assertThat(map.viewportProperty().get().chunkCount()).isEqualTo(doc.blocks().blockCount());
        // the summary names the format as inspect does
        assertThat(view.model().summary().get(0).value()).contains("android-cow-v3");
        screenshot("android-block-map", stage.getScene().getRoot());

        // a block the fixture copies: hover says which op and from where
        int copy = firstOp(doc.cow(), AndroidOpType.COPY);
        long block = doc.cow().ops().newBlock(copy);
        assertThat(view.model().describe(block, 1)).contains("op " + copy + ": COPY from source block "
                + doc.cow().ops().source(copy));
        Platform.runLater(() -> view.model().selectBlock(block));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.model().selectedOpProperty().get()).isEqualTo(copy);

        // the ops table: every op a row, find selects the op writing a block
        Platform.runLater(() -> view.tabs().getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.opsTableView().getItems()).hasSize(doc.cow().ops().size());
        int replace = firstOp(doc.cow(), AndroidOpType.REPLACE);
        robot.clickOn("#android-find").write("block " + doc.cow().ops().newBlock(replace)).type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.opsTableView().getSelectionModel().getSelectedIndex()).isEqualTo(replace);
        screenshot("android-ops", stage.getScene().getRoot());
        Platform.runLater(() -> {
            robot.lookup("#android-find").queryAs(TextField.class).setText("block 999999");
            view.model().find();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#android-find-message").queryAs(Label.class).getText()).contains("No op writes block " + dev.cowscope.ui.common.Formats.grouped(999999));

        Platform.runLater(() -> view.tabs().getSelectionModel().select(2));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.model().compression()).singleElement().satisfies(f -> assertThat(f.algorithm()).isEqualTo("lz4"));
        screenshot("android-compression", stage.getScene().getRoot());

        // the Merge tab shows AOSP's merge order for it, step by step
        Platform.runLater(() -> window.showTab("merge"));
        WaitForAsyncUtils.waitForFxEvents(); // the tab builds its views on the FX thread
        AndroidMergeView merge = window.androidMergeView();
        waitUntil(() -> merge.model().planProperty().get() != null && merge.canvas().framesPaintedProperty().get() > 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(merge.isVisible()).isTrue();
        assertThat(window.mergeView().isVisible()).isFalse();
        var plan = merge.model().planProperty().get();
        assertThat(plan.readerParseOk()).isTrue();
        assertThat(merge.stepsTable().getItems()).hasSize(plan.order().length);
        assertThat(robot.lookup("#android-merge-summary").queryAs(Label.class).getText())
                .contains("steps (num_total_data_ops)").contains("VerifyMergeOps");
        Platform.runLater(() -> merge.model().setStep(3));
        WaitForAsyncUtils.waitForFxEvents();
        int third = plan.order()[3];
        assertThat(robot.lookup("#android-merge-step").queryAs(Label.class).getText())
                .startsWith("3 merged; next: step 3 of " + plan.order().length).contains("op " + third + ":")
                .contains("A crash here leaves num_merge_ops at 3");
        long merged = doc.cow().ops().newBlock(plan.order()[0]);
        assertThat(merge.model().cellsProperty().get().roleAt(merged)).isEqualTo(MergeCells.MERGED);
        assertThat(merge.model().cellsProperty().get().roleAt(doc.cow().ops().newBlock(third))).isEqualTo(MergeCells.NEXT);
        screenshot("android-merge", stage.getScene().getRoot());
        robot.clickOn("#android-merge-play");
        waitUntil(() -> merge.model().stepProperty().get() == plan.order().length);
        assertThat(robot.lookup("#android-merge-step").queryAs(Label.class).getText()).startsWith("All " + plan.order().length + " steps merged");

        // Export report writes the same JSON as inspect --json
        Path report = java.nio.file.Files.createTempFile("cowscope-android-", ".json");
        java.nio.file.Files.delete(report);
        Platform.runLater(() -> window.export().exportReport(report));
        waitUntil(() -> java.nio.file.Files.exists(report));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.toFile()).get("format").asText())
                .isEqualTo("android-cow-v3");
        java.nio.file.Files.deleteIfExists(report);

        // a dm-snapshot COW afterwards takes the window back: the Android document closes, the dm tabs work again
        Platform.runLater(model::openSample);
        waitUntil(() -> model.document() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.androidDocument()).isNull();
        assertThat(tabs.getTabs().stream().filter(t -> t.getId().equals("tab-chunk-map")).findFirst().orElseThrow().isDisable()).isFalse();
        assertThat(view.model().cellsProperty().get()).isNull();
    }

    @Test
    void aFileAospRefusesSaysSoInTheSummaryFindingsAndMergeTab(FxRobot robot) throws Exception {
        Platform.runLater(() -> model.open(FIXTURES.resolve("v2_none_nofooter/v2_none_nofooter.cow")));
        waitUntil(() -> model.androidDocument() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(errors).isEmpty();
        AndroidCowView view = window.androidCowView();
        assertThat(view.model().summary()).anySatisfy(row -> {
            assertThat(row.name()).isEqualTo("AOSP reads it");
            assertThat(row.value()).startsWith("no: ").contains("footer");
        });
        assertThat(view.model().findings()).isNotEmpty();
        assertThat(view.model().findings().get(0).kind().name()).startsWith("ANDROID_");
        assertThat(robot.lookup("#android-refused").queryAs(Label.class).getText())
                .startsWith("AOSP's reader refuses this file (No COW footer found)").contains("--label");
        screenshot("android-refused", stage.getScene().getRoot());
        Platform.runLater(() -> window.showTab("merge"));
        WaitForAsyncUtils.waitForFxEvents();
        AndroidMergeView merge = window.androidMergeView();
        waitUntil(() -> merge.model().planProperty().get() != null);
        assertThat(merge.model().summaryProperty().get()).startsWith("AOSP's reader refuses this file, so snapuserd would not merge it");
        assertThat(merge.stepsTable().getItems()).isEmpty();
    }

    private static int firstOp(dev.cowscope.android.AndroidCow cow, int type) {
        for (int i = 0; i < cow.ops().size(); i++) {
            if (cow.ops().type(i) == type) {
                return i;
            }
        }
        throw new AssertionError("no op of type " + type);
    }
}
