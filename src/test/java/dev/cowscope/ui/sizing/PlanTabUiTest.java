package dev.cowscope.ui.sizing;

import dev.cowscope.ui.WindowUiTest;
import static dev.cowscope.ui.UiTestSupport.screenshot;
import static dev.cowscope.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowscope.sizing.SizingRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Plan tab on Monocle, from the start page with no COW open. */
class PlanTabUiTest extends WindowUiTest {
    @Start
    void start(Stage stage) {
        showWindow(stage);
    }

    private static final Path B3 = Path.of(System.getProperty("cowscope.fixtures", "../shared/fixtures/kernel"), "b3-257");

    @TempDir
    Path temp;

    @Test
    void shortcutOpensThePlanWithNoCowOpen(FxRobot robot) throws Exception {
        assertThat(robot.lookup("#start").query().isVisible()).isTrue();
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT5).release(KeyCode.DIGIT5, KeyCode.CONTROL);
        waitUntil(() -> window.planView().isVisible() && window.planView().getScene() != null);
        assertThat(model.document()).isNull();
        assertThat(robot.lookup("#start").query().isVisible()).isFalse();
        assertThat(robot.lookup("#tabs").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-plan");
    }

    @Test
    void plansFromACountAndFromTheKernelFixtureImagesAndExports(FxRobot robot) throws Exception {
        robot.clickOn("#start-tool-plan");
        WaitForAsyncUtils.waitForFxEvents();
        PlanView view = window.planView();
        PlanViewModel plan = view.model();
        assertThat(view.isVisible()).isTrue();

        // manual mode: type N, the table and the chart follow
        TextField count = robot.lookup("#plan-changed-chunks").queryAs(TextField.class);
        robot.doubleClickOn(count).eraseText(8).write("257");
        waitUntil(() -> "257".equals(count.getText()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.table().getItems()).hasSize(9);
        SizingRow fourK = view.table().getItems().get(0);
        assertThat(fourK.changedChunks()).isEqualTo(257);
        assertThat(fourK.cowSize().totalChunks()).isEqualTo(2 + 257 + 1);
        assertThat(view.chart().getData()).hasSize(4);
        assertThat(view.chart().getData().get(0).getData()).hasSize(9);
        assertThat(view.chart().getData().get(0).getData().get(0).getXValue()).isEqualTo("4K ★");
        assertThat(recommendedRowChunk(robot)).isEqualTo(8);
        // with a typed N the 1M bar is 250 times the 4K one: the axis stops short so the recommended bar shows
        javafx.scene.chart.NumberAxis axis = (javafx.scene.chart.NumberAxis) view.chart().getYAxis();
        // the recommended bar is at least a twentieth of the axis
        assertThat(axis.getUpperBound()).isLessThanOrEqualTo(PlanView.CHART_CLIP_SPREAD * (double) fourK.allocationBytes() / (1 << 20));
        assertThat(view.chart().getData().get(0).getData().get(8).getXValue()).isEqualTo("1M ↑");
        assertThat(robot.lookup("#plan-tie").query().isVisible()).isFalse();
        assertThat(robot.lookup("#plan-margin-of").queryAs(Label.class).getText()).contains("% of the origin");
        screenshot("plan-count", stage.getScene().getRoot());

        // rounded to a 4 MiB LVM extent the recommendation moves to a larger chunk: the tab says why
        Platform.runLater(() -> plan.inputs().roundingProperty().set(PlanInputs.Rounding.LVM_EXTENT));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(recommendedRowChunk(robot)).isGreaterThan(8);
        assertThat(robot.lookup("#plan-tie").queryAs(Label.class).getText()).contains("ties go to the larger chunk")
                .contains("4K chunks have the smallest exact COW");
        // the chart's bars are the rounded allocations
        SizingRow first = view.table().getItems().get(0);
        double stacked = view.chart().getData().stream().mapToDouble(series -> series.getData().get(0).getYValue().doubleValue()).sum();
        assertThat(stacked * (1 << 20)).isCloseTo((double) first.allocationBytes(), org.assertj.core.data.Offset.offset(1.0));
        String star = dev.cowscope.sizing.SizingPlan.chunkLabel(recommendedRowChunk(robot)) + " ★";
        assertThat(((javafx.scene.chart.CategoryAxis) view.chart().getXAxis()).getCategories()).contains(star).doesNotContain("4K ★");
        screenshot("plan-rounded", stage.getScene().getRoot());
        Platform.runLater(() -> plan.inputs().roundingProperty().set(PlanInputs.Rounding.SECTOR));
        WaitForAsyncUtils.waitForFxEvents();

        // a smaller chunk size: it becomes the recommended row and the first bar
        robot.clickOn("#plan-chunk-1");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.table().getItems()).hasSize(10);
        assertThat(recommendedRowChunk(robot)).isEqualTo(1);
        assertThat(view.chart().getData().get(2).getData().get(0).getXValue()).isEqualTo("512 ★");
        robot.clickOn("#plan-chunk-1");

        // a bad count: decorated, a message, no rows, no export
        robot.doubleClickOn(count).eraseText(8).write("25x");
        WaitForAsyncUtils.waitForFxEvents();
        waitUntil(() -> view.validation().isInvalid());
        assertThat(robot.lookup("#plan-problem").queryAs(Label.class).getText()).contains("Not a whole number");
        assertThat(view.table().getItems()).isEmpty();
        assertThat(robot.lookup("#plan-export-json").query().isDisabled()).isTrue();
        robot.doubleClickOn(count).eraseText(8).write("257");
        waitUntil(() -> !view.validation().isInvalid());

        // the kernel's b3-257 scenario: origin before vs the snapshot view, 257 distinct 4K chunks
        Platform.runLater(() -> {
            plan.setOldImage(B3.resolve("origin-before.img.gz"));
            plan.setNewImage(B3.resolve("snapshot-view.img.gz"));
            plan.inputs().marginProperty().set("1M");
        });
        waitUntil(() -> !plan.measurement().measuringProperty().get() && plan.planProperty().get() != null
                && plan.inputs().modeProperty().get() == PlanInputs.Mode.IMAGE_PAIR);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs).isEmpty();
        SizingRow measured = view.table().getItems().get(0);
        assertThat(measured.chunkSizeSectors()).isEqualTo(8);
        assertThat(measured.changedChunks()).isEqualTo(257);
        assertThat(measured.marginChunks()).isEqualTo(256);
        assertThat(robot.lookup("#plan-old-image").queryAs(Label.class).getText()).isEqualTo("origin-before.img.gz");
        assertThat(robot.lookup("#plan-note").queryAs(Label.class).getText()).contains("Old 32.0 MiB, new 32.0 MiB");
        assertThat(robot.lookup("#plan-recommendation").queryAs(Label.class).getText()).startsWith("Recommended: ");
        assertThat(recommendedRowChunk(robot)).isEqualTo(plan.planProperty().get().recommended().orElseThrow().chunkSizeSectors());
        screenshot("plan", stage.getScene().getRoot());

        Path json = temp.resolve("plan.json");
        Platform.runLater(() -> plan.exportJson(json));
        waitUntil(() -> Files.exists(json));
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(doc.get("mode").asText()).isEqualTo("plan");
        assertThat(doc.get("source").asText()).isEqualTo("IMAGE_PAIR");
        assertThat(doc.get("margin").asText()).isEqualTo("1M");
        JsonNode row = doc.get("rows").get(0);
        assertThat(row.get("chunkSizeSectors").asLong()).isEqualTo(8);
        assertThat(row.get("changedChunks").asLong()).isEqualTo(257);
        assertThat(row.get("totalChunks").asLong()).isEqualTo(measured.cowSize().totalChunks());
        assertThat(dialogs).isEmpty();
    }

    @Test
    void androidEstimateFromImagesAndFromRangesIsTheCommandLines(FxRobot robot) throws Exception {
        robot.clickOn("#start-tool-plan");
        WaitForAsyncUtils.waitForFxEvents();
        PlanViewModel plan = window.planView().model();
        AndroidEstimate android = plan.android();
        assertThat(robot.lookup("#plan-android-summary").queryAs(Label.class).getText()).isEqualTo(AndroidEstimate.NEEDS_BLOCKS);

        Path old = B3.resolve("origin-before.img.gz");
        Path now = B3.resolve("snapshot-view.img.gz");
        Platform.runLater(() -> {
            plan.setOldImage(old);
            plan.setNewImage(now);
            plan.inputs().marginProperty().set("1M");
            android.versionProperty().set(3);
            android.compressionProperty().set("zstd");
            android.factorProperty().set(16384L);
        });
        waitUntil(() -> !plan.measurement().measuringProperty().get() && plan.planProperty().get() != null);
        assertThat(robot.lookup("#plan-android-areas").query().isVisible()).isFalse();
        // the Android options are at the foot of the inputs: scroll there, as a user does
        robot.interact(() -> robot.lookup(".plan-inputs-scroll").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(1));
        robot.clickOn("#plan-android-estimate");
        waitUntil(() -> android.resultProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs).isEmpty();
        JsonNode cli = commandLine("size", "--old", old.toString(), "--new", now.toString(), "--android", "v3", "--compression", "zstd",
                "--compression-factor", "16K", "--margin", "1M", "--json");
        long allocate = cli.get("android").get(0).get("allocationBytes").asLong();
        assertThat(android.resultProperty().get().rows().get(0).allocationBytes()).isEqualTo(allocate);
        assertThat(robot.lookup("#plan-android-allocate").queryAs(Label.class).getText())
                .startsWith(dev.cowscope.ui.common.Formats.grouped(allocate) + " B");
        assertThat(robot.lookup("#plan-android-cow-size").queryAs(Label.class).getText())
                .startsWith(dev.cowscope.ui.common.Formats.grouped(cli.get("android").get(0).get("cow").get("cowSizeBytes").asLong()));
        assertThat(robot.lookup("#plan-android-summary").queryAs(Label.class).getText())
                .contains("Android COW v3, compression factor 16K", cli.get("replaceBlocks").asText() + " REPLACE");
        screenshot("plan-android", stage.getScene().getRoot());

        // a ranges file: the old estimate is dropped, and the new one is the command line's upper bound
        Path ranges = Files.writeString(temp.resolve("writes.txt"), "# two runs\n4096 40960\n1048576 1M\n");
        Platform.runLater(() -> plan.setRangesFile(ranges));
        waitUntil(() -> android.resultProperty().get() == null && !plan.measurement().measuringProperty().get());
        assertThat(robot.lookup("#plan-android-summary").queryAs(Label.class).getText()).startsWith("Press Estimate");
        robot.clickOn("#plan-android-estimate");
        waitUntil(() -> android.resultProperty().get() != null);
        JsonNode upper = commandLine("size", "--ranges", ranges.toString(), "--android", "v3", "--compression-factor", "16K",
                "--margin", "1M", "--json");
        assertThat(android.resultProperty().get().rows().get(0).allocationBytes())
                .isEqualTo(upper.get("android").get(0).get("allocationBytes").asLong());
        assertThat(robot.lookup("#plan-android-summary").queryAs(Label.class).getText())
                .contains("266 blocks touched by the ranges", "upper bound");
        assertThat(dialogs).isEmpty();
    }

    private static JsonNode commandLine(String... args) throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = dev.cowscope.cli.Cli.execute(new java.io.PrintWriter(out), new java.io.PrintWriter(err), args);
        assertThat(code).as(err.toString()).isZero();
        return new ObjectMapper().readTree(out.toString());
    }

    /** The chunk size of the table row drawn with the :recommended pseudo-class. */
    @Test
    void withACowOpenTheTableHeadersAndCellsAreWhole(FxRobot robot) throws Exception {
        Platform.runLater(() -> model.open(B3.resolve("cow-after.img.gz")));
        waitUntil(() -> model.document() != null);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT5).release(KeyCode.DIGIT5, KeyCode.CONTROL);
        PlanView view = window.planView();
        waitUntil(() -> view.isVisible() && view.getScene() != null);
        Platform.runLater(() -> {
            view.model().inputs().modeProperty().set(PlanInputs.Mode.CHANGED_CHUNKS);
            view.model().inputs().changedChunksProperty().set("1000000");
        });
        waitUntil(() -> view.table().getItems().size() == 9);
        WaitForAsyncUtils.waitForFxEvents();
        // every header and every cell of the first row shows its whole text at 1280 px with the summary beside
        for (var column : view.table().getColumns()) {
            Label header = (Label) column.getGraphic();
            assertThat(header.getWidth()).as(header.getText()).isGreaterThanOrEqualTo(header.prefWidth(-1) - 0.5);
        }
        List<javafx.scene.control.Labeled> cells = robot.lookup(".plan-table .table-row-cell .table-cell").queryAll().stream()
                .map(n -> (javafx.scene.control.Labeled) n).filter(c -> c.getText() != null && !c.getText().isEmpty()).toList();
        assertThat(cells).isNotEmpty();
        for (var cell : cells) {
            javafx.scene.text.Text text = (javafx.scene.text.Text) cell.lookup(".text");
            assertThat(text.getText()).as("cell " + cell.getText()).isEqualTo(cell.getText());
        }
        screenshot("plan-with-cow", stage.getScene().getRoot());
        assertThat(dialogs).isEmpty();
    }

    private static long recommendedRowChunk(FxRobot robot) {
        PseudoClass recommended = PseudoClass.getPseudoClass("recommended");
        List<Long> marked = robot.lookup(".plan-table .table-row-cell").queryAll().stream()
                .filter(n -> n.getPseudoClassStates().contains(recommended))
                .map(n -> ((SizingRow) ((TableRow<?>) n).getItem()).chunkSizeSectors()).toList();
        assertThat(marked).hasSize(1);
        return marked.get(0);
    }

}
