package dev.cowscope.ui.merge;

import dev.cowscope.ui.WindowUiTest;
import static dev.cowscope.ui.UiTestSupport.screenshot;
import static dev.cowscope.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.format.CowReader;
import dev.cowscope.format.ParseOptions;
import dev.cowscope.format.Progress;
import dev.cowscope.merge.MergePlan;
import dev.cowscope.merge.MergeSimulator;
import dev.cowscope.testkit.Fixtures;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Merge tab on Monocle with the f1-merge kernel fixture and its origin attached. */
class MergeTabUiTest extends WindowUiTest {
    @Start
    void start(Stage stage) {
        showWindow(stage);
    }


    private final Path scenario = Fixtures.scenario("f1-merge");

    @Test
    void stepToAKernelStatusCrashThereAndCompareStrategies(FxRobot robot) throws Exception {
        String viewSha = Fixtures.manifest(scenario).path("artifacts").path("snapshot-view").path("sha256").asText();
        Platform.runLater(() -> model.open(scenario.resolve("cow-premerge.img.gz")));
        waitUntil(() -> model.document() != null);
        Platform.runLater(() -> model.attachOrigin(scenario.resolve("origin-before.img.gz")));
        waitUntil(() -> model.originProperty().get() != null);

        // the View menu's shortcut brings the tab forward
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT7);
        WaitForAsyncUtils.waitForFxEvents();
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-merge");

        MergeView view = window.mergeView();
        MergeViewModel vm = view.model();
        waitUntil(() -> vm.plan().plannedProperty().get() != null && vm.plan().plannedProperty().get().originBytes() > 0);

        // the step where the kernel printed 1768/8192 16
        MergePlan plan = MergePlan.of(CowReader.read(scenario.resolve("cow-premerge.img.gz"), ParseOptions.DEFAULT, Progress.NONE),
                32L << 20);
        MergeSimulator simulator = new MergeSimulator(plan);
        int k = 0;
        while (!simulator.afterSteps(k).statusParams().equals("1768/8192 16")) {
            k++;
        }
        int target = k;
        Platform.runLater(() -> view.slider().setValue(target));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.playback().stepProperty().get()).isEqualTo(target);
        String kernelLine = "0 65536 snapshot-merge 1768/8192 16";
        assertThat(robot.lookup("#merge-status").queryAs(Label.class).getText()).isEqualTo(kernelLine);
        assertThat(Fixtures.lines(scenario.resolve("merge-status-f1.log"))).anyMatch(l -> l.endsWith(" " + kernelLine));
        // the arrow keys step through the plan
        robot.clickOn("#merge-slider");
        Platform.runLater(() -> view.slider().setValue(target));
        WaitForAsyncUtils.waitForFxEvents();
        robot.push(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.playback().stepProperty().get()).isEqualTo(target + 1);
        robot.push(KeyCode.LEFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.playback().stepProperty().get()).isEqualTo(target);
        assertThat(robot.lookup("#merge-origin-range").queryAs(Label.class).getText()).startsWith("origin chunks ");
        assertThat(robot.lookup("#merge-entries-left").queryAs(Label.class).getText())
                .startsWith(dev.cowscope.ui.common.Formats.grouped(simulator.afterSteps(target).entriesLeft()) + " of ");
        assertThat(vm.playback().cellsProperty().get().stepsDone()).isEqualTo(target);

        // Crash here is below the map, on the scrolled part of the page
        Platform.runLater(() -> ((javafx.scene.control.Button) view.lookup("#crash-here")).fire());
        waitUntil(() -> vm.crash().proofProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#crash-text").queryAs(Label.class).getText())
                .contains("Power lost during step " + target + ", before its metadata commit").contains("Next activation:")
                .contains("Why the snapshot view is unchanged");
        String proof = robot.lookup("#crash-proof").queryAs(Label.class).getText();
        assertThat(proof).contains("Crashed state's view  sha256 " + viewSha).contains("Pre-merge view        sha256 " + viewSha)
                .contains("equal: the snapshot view is unchanged");

        assertThat(view.lookup("#merge-export-json").isDisabled()).isFalse();
        assertThat(view.strategyTable().getItems()).hasSize(9);
        assertThat(view.strategyTable().getItems().get(0).aspect()).isEqualTo("Overflows");
        assertThat(robot.lookup("#strategy-summary").queryAs(Label.class).getText()).contains("chunks to copy into the COW");

        waitUntil(() -> view.canvas().framesPaintedProperty().get() > 0);
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        screenshot("merge", view.page());
        screenshot("merge-window", stage.getScene().getRoot());

        // Play animates the map; Pause stops it
        long frames = view.canvas().framesPaintedProperty().get();
        robot.clickOn("#merge-play");
        waitUntil(() -> vm.playback().stepProperty().get() > target + 10 && view.canvas().framesPaintedProperty().get() > frames);
        robot.clickOn("#merge-play");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.playback().playingProperty().get()).isFalse();
        assertThat(vm.playback().cellsProperty().get().stepsDone()).isEqualTo(vm.playback().stepProperty().get());
        assertThat(vm.crash().crashProperty().get()).isNull();
        assertThat(dialogs).isEmpty();
    }

    @Test
    void withNoCowTheStrategyTableWorksFromTheViewMenu(FxRobot robot) throws Exception {
        javafx.scene.control.MenuBar bar = robot.lookup("#menu-bar").queryAs(javafx.scene.control.MenuBar.class);
        javafx.scene.control.MenuItem item = bar.getMenus().stream().filter(m -> m.getText().equals("_View")).findFirst().orElseThrow()
                .getItems().stream().filter(i -> "Merge".equals(i.getText())).findFirst().orElseThrow();
        assertThat(item.getAccelerator()).isEqualTo(javafx.scene.input.KeyCombination.keyCombination("Shortcut+7"));
        Platform.runLater(item::fire);
        WaitForAsyncUtils.waitForFxEvents();
        // no document: choosing the tab shows the tabs instead of the start page
        assertThat(robot.lookup("#inspector").query().isVisible()).isTrue();
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-merge");
        MergeView view = window.mergeView();
        assertThat(view.model().plan().messageProperty().get()).contains("Open a COW image");
        assertThat(view.strategyTable().getItems()).hasSize(9);
        javafx.scene.control.TextField changed = (javafx.scene.control.TextField) view.lookup("#strategy-changed");
        Platform.runLater(() -> changed.setText("many"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(changed.getStyleClass()).contains("invalid");
        assertThat(view.strategyTable().getItems()).isEmpty();
        Platform.runLater(() -> changed.setText("3000"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(changed.getStyleClass()).doesNotContain("invalid");
        assertThat(view.strategyTable().getItems().get(0).a()).startsWith("yes");
        assertThat(view.lookup("#merge-offline").isDisabled()).isTrue();
        assertThat(view.lookup("#merge-export-json").isDisabled()).isTrue();
        assertThat(view.lookup("#crash-here").isDisabled()).isTrue();
        screenshot("merge-no-cow", view.page());
        assertThat(dialogs).isEmpty();
    }


    @Test
    void openingAnotherCowLeavesNoNumbersOfTheFirst(FxRobot robot) throws Exception {
        Platform.runLater(() -> model.open(scenario.resolve("cow-premerge.img.gz")));
        waitUntil(() -> model.document() != null);
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT7);
        MergeView view = window.mergeView();
        MergeViewModel vm = view.model();
        waitUntil(() -> vm.plan().planned() != null);
        String firstEstimate = vm.estimate().estimateTextProperty().get();
        String firstWhy = vm.estimate().whySlowProperty().get();
        assertThat(firstEstimate).isNotEmpty();

        // a COW the kernel invalidated: no plan, so nothing of the first file may stay on screen
        Path other = Fixtures.scenario("e1-overflow-P").resolve("cow-after.img.gz");
        Platform.runLater(() -> model.open(other));
        waitUntil(() -> model.document() != null && model.document().displayName().contains("cow-after"));
        waitUntil(() -> !vm.plan().messageProperty().get().startsWith("Planning"));
        WaitForAsyncUtils.waitForFxEvents();
        String estimate = robot.lookup("#merge-estimate").queryAs(Label.class).getText();
        String why = robot.lookup("#merge-why-slow").queryAs(Label.class).getText();
        String plan = robot.lookup("#merge-plan").queryAs(Label.class).getText();
        screenshot("merge-after-other-cow", stage.getScene().getRoot());
        if (vm.plan().planned() == null) {
            assertThat(estimate).isEmpty();
            assertThat(why).isEmpty();
        } else {
            assertThat(estimate).isNotEqualTo(firstEstimate);
            assertThat(why).isNotEqualTo(firstWhy);
        }
        assertThat(plan).doesNotContain("cow-premerge");

        // a mergeable COW opened while another tab is in front is planned when the tab comes back
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT1);
        Path third = Fixtures.scenario("b3-257").resolve("cow-after.img.gz");
        Platform.runLater(() -> model.open(third));
        waitUntil(() -> model.document() != null && model.document().path().equals(third));
        assertThat(vm.estimate().estimateTextProperty().get()).isEmpty();
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT7);
        waitUntil(() -> vm.plan().planned() != null);
        waitUntil(() -> view.canvas().framesPaintedProperty().get() > 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.estimate().estimateTextProperty().get()).isNotEmpty().isNotEqualTo(firstEstimate);
        assertThat(robot.lookup("#merge-step-title").queryAs(Label.class).getText())
                .endsWith("of " + dev.cowscope.ui.common.Formats.grouped(vm.plan().planned().plan().stepCount())
                        + " (0 committed; this one is next)");

        // the map is the centre of the tab, and playback and step details fit the first screen at 1280x800
        javafx.geometry.Bounds viewport = view.lookup("#merge-scroll").localToScene(view.lookup("#merge-scroll").getLayoutBounds());
        javafx.geometry.Bounds details = view.lookup("#merge-details").localToScene(view.lookup("#merge-details").getLayoutBounds());
        javafx.geometry.Bounds map = view.canvas().localToScene(view.canvas().getLayoutBounds());
        assertThat(details.getMaxY()).isLessThanOrEqualTo(viewport.getMaxY());
        assertThat(map.getMaxY()).isLessThanOrEqualTo(viewport.getMaxY());
        assertThat(map.getWidth()).isGreaterThan(viewport.getWidth() / 2);
        assertThat(map.getHeight()).isGreaterThan(viewport.getHeight() / 2);
        screenshot("merge-second-cow", stage.getScene().getRoot());
        assertThat(dialogs).isEmpty();
    }
}
