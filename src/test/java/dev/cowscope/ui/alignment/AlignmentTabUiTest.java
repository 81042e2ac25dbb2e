package dev.cowscope.ui.alignment;

import dev.cowscope.ui.WindowUiTest;
import static dev.cowscope.ui.UiTestSupport.screenshot;
import static dev.cowscope.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.alignment.KernelVersion;
import dev.cowscope.alignment.LimitsInput;
import dev.cowscope.alignment.LineReport;
import dev.cowscope.alignment.Verdict;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCombination;
import org.junit.jupiter.api.Test;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Alignment tab on Monocle, with no COW image open: paste the kernel fixture's filefrag output and read the verdicts. */
class AlignmentTabUiTest extends WindowUiTest {
    @Start
    void start(Stage stage) {
        showWindow(stage);
    }


    @Test
    void pastedFilefragOutputShowsTheKernelsWarningsAndCopiesTheTable(FxRobot robot) throws Exception {
        // reachable with no image: the start page lists it, the View menu has Shortcut+6
        MenuItem item = robot.lookup("#menu-bar").queryAs(MenuBar.class).getMenus().get(1).getItems().stream()
            .filter(m -> "Alignment".equals(m.getText())).findFirst().orElseThrow();
        assertThat(item.getAccelerator()).isEqualTo(KeyCombination.keyCombination("Shortcut+6"));
        screenshot("alignment-start-page", stage.getScene().getRoot());
        // behind the start page the inspector, summary included, is built and styled before any open
        waitUntil(() -> window.summaryView().getScene() != null);
        robot.clickOn("#start-tool-alignment");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.document()).isNull();
        assertThat(robot.lookup("#tabs").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getId())
            .isEqualTo("tab-alignment");
        AlignmentView view = window.alignmentView();
        assertThat(view.isVisible() && view.getScene() != null).isTrue();
        // with no image the summary (styled behind the start page) gives its room to the tabs
        assertThat(window.summaryView().getScene()).isNull();

        Button export = robot.lookup("#alignment-export-json").queryButton();
        assertThat(export.isDisabled()).as("nothing checked yet").isTrue();
        LimitsInput limits = AlignmentFixture.limits();
        String filefrag = AlignmentFixture.frag6mFilefrag();
        WaitForAsyncUtils.asyncFx(() -> {
            text("#alignment-device", "/dev/vdb");
            text("#alignment-lbs", limits.lbs());
            text("#alignment-pbs", limits.pbs());
            text("#alignment-io-min", limits.ioMin());
            text("#alignment-io-opt", limits.ioOpt());
            text("#alignment-offset", limits.alignmentOffset());
            text("#alignment-part-start", limits.partStart());
            text("#alignment-device-size", limits.deviceSize());
            @SuppressWarnings("unchecked")
            ChoiceBox<KernelVersion> kernel = (ChoiceBox<KernelVersion>) view.lookup("#alignment-kernel");
            kernel.setValue(KernelVersion.V6_1);
            // a real paste into the text area
            ClipboardContent content = new ClipboardContent();
            content.putString(filefrag);
            Clipboard.getSystemClipboard().setContent(content);
            view.input().requestFocus();
            view.input().paste();
        }).get();

        waitUntil(() -> "0 lines rejected, 7 warnings".equals(label("#alignment-summary")));
        assertThat(label("#alignment-details")).startsWith("The kernel accepts the table; the dm device reports alignment_offset -1");
        // Export JSON is enabled, shown whole (not elided) and inside the window
        waitUntil(() -> !export.isDisabled());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(export.getWidth()).isGreaterThanOrEqualTo(export.prefWidth(-1));
        assertThat(export.localToScene(export.getBoundsInLocal()).getMaxX()).isLessThanOrEqualTo(stage.getScene().getWidth());
        List<LineReport> rows = view.linesTable().getItems();
        assertThat(rows).hasSize(23);
        assertThat(rows).filteredOn(l -> l.verdict() == Verdict.WARN).extracting(l -> l.line().startSector())
            .containsExactly(1024L, 1970L, 2482L, 2994L, 3506L, 4018L, 12210L);
        assertThat(robot.lookup(".verdict-warn").queryAll()).isNotEmpty();
        String kernelLines = robot.lookup("#alignment-kernel-lines").queryAs(TextArea.class).getText();
        assertThat(kernelLines.lines().toList()).containsExactlyElementsOf(AlignmentFixture.dmesg());

        StripCanvas strip = view.strip();
        waitUntil(() -> strip.framesPaintedProperty().get() > 0 && strip.strip().areaCount() == 23);
        // hover the middle of line 1 (device sectors 15440..16385) and read its verdict in the tooltip
        StripViewport v = strip.viewportProperty().get();
        double x = v.xOf(15440 + 473);
        robot.moveTo(strip.stripPane().localToScreen(x, v.heightPx() / 2.0));
        robot.moveBy(1, 0); // a last move that ends on the strip
        waitUntil(() -> !strip.hoverTextProperty().get().isEmpty());
        assertThat(strip.tooltip().getText()).startsWith("line 1: sectors 1024+946").contains("WARN: W2");

        // pick line 1 in the table: the strip zooms to it; zoom in until the 4 KiB grid shows
        WaitForAsyncUtils.asyncFx(() -> {
            view.linesTable().getSelectionModel().select(1);
            for (int i = 0; i < 7; i++) {
                strip.zoomIn();
            }
        }).get();
        waitUntil(() -> strip.viewportProperty().get().sectorsPerPixel() <= 8 / 6.0);
        StripViewport zoomed = strip.viewportProperty().get();
        assertThat(zoomed.firstSector()).isLessThan(15440 + 946).isGreaterThan(15440 - zoomed.widthPx() * zoomed.sectorsPerPixel());

        // fire the button itself: a robot click here raced the layout of the scrolled pane now and then
        robot.interact(() -> robot.lookup("#alignment-copy").queryButton().fire());
        waitUntil(() -> AlignmentFixture.tableText().equals(Clipboard.getSystemClipboard().getString()));
        AtomicReference<String> clip = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> clip.set(Clipboard.getSystemClipboard().getString())).get();
        assertThat(clip.get()).isEqualTo(AlignmentFixture.tableText());
        assertThat(model.statusProperty().get()).startsWith("Table copied (23 lines)");
        WaitForAsyncUtils.waitForFxEvents();
        screenshot("alignment", stage.getScene().getRoot());
        assertThat(dialogs).isEmpty();
    }

    @Test
    void aTableCheckedWithoutTheDeviceSizeIsUnknownNotAccepted(FxRobot robot) throws Exception {
        robot.clickOn("#start-tool-alignment");
        WaitForAsyncUtils.waitForFxEvents();
        AlignmentView view = window.alignmentView();
        WaitForAsyncUtils.asyncFx(() -> {
            text("#alignment-device", "/dev/vdd");
            text("#alignment-lbs", "512");
            text("#alignment-pbs", "4096");
            text("#alignment-device-size", ""); // the field starts empty: the size is unknown
            view.input().setText("0 2048 linear /dev/vdd 2048\n");
        }).get();
        waitUntil(() -> label("#alignment-details").startsWith("UNKNOWN"));
        assertThat(label("#alignment-details")).contains("size").doesNotContain("The kernel accepts");
        assertThat(view.linesTable().getItems()).extracting(LineReport::verdict).containsExactly(Verdict.UNKNOWN);
        assertThat(robot.lookup("#alignment-kernel-lines").queryAs(TextArea.class).getPromptText()).startsWith("None if every line fits");
        WaitForAsyncUtils.waitForFxEvents();
        screenshot("alignment-unknown-size", stage.getScene().getRoot());
    }

    private void text(String id, String value) {
        ((TextField) window.alignmentView().lookup(id)).setText(value);
    }

    private String label(String id) {
        AtomicReference<String> text = new AtomicReference<>();
        try {
            WaitForAsyncUtils.asyncFx(() -> text.set(((Label) window.alignmentView().lookup(id)).getText())).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return text.get();
    }


    @Test
    void aHandWrittenTableGetsOffsetHintsAndThePromptReadsAsSentences(FxRobot robot) throws Exception {
        // with a COW open the summary takes its share of the width
        javafx.application.Platform.runLater(() -> model.open(dev.cowscope.testkit.Fixtures.scenario("b3-257").resolve("cow-after.img.gz")));
        waitUntil(() -> model.document() != null);
        javafx.application.Platform.runLater(() -> window.showTab(dev.cowscope.ui.document.MainViewModel.ALIGNMENT_TAB));
        WaitForAsyncUtils.waitForFxEvents();
        AlignmentView view = window.alignmentView();
        TextArea input = (TextArea) view.lookup("#alignment-input");
        assertThat(input.getPromptText()).doesNotContain("\n").contains("such as \u201c0 8192 linear /dev/sdb 2048\u201d, or drop");
        screenshot("alignment-empty", stage.getScene().getRoot());

        AlignmentViewModel vm = view.model();
        javafx.application.Platform.runLater(() -> {
            vm.setLimits(LimitsInput.DEFAULT);
            vm.deviceProperty().set("/dev/vdb");
            vm.textProperty().set("0 8 linear /dev/vdb 0\n8 8 linear /dev/vdb 1\n");
        });
        waitUntil(() -> vm.lines().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> hints = vm.lines().stream().map(LineReport::hint).toList();
        assertThat(hints).noneMatch(h -> h.contains("file system"));
        assertThat(hints.get(1)).isNotEmpty();
        screenshot("alignment-hand-table", stage.getScene().getRoot());
        assertThat(dialogs).isEmpty();
    }
}
