package dev.cowscope.ui;

import static dev.cowscope.ui.UiTestSupport.screenshot;
import static dev.cowscope.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowscope.format.Finding;
import dev.cowscope.format.FindingKind;
import dev.cowscope.format.Progress;
import dev.cowscope.testkit.CowImageBuilder;
import dev.cowscope.ui.common.AppPreferences;
import dev.cowscope.ui.common.FxTaskRunner;
import dev.cowscope.ui.document.ImageOpener;
import dev.cowscope.ui.document.MainViewModel;
import dev.cowscope.ui.map.ChunkPalette;
import dev.cowscope.ui.map.MapCanvas;
import dev.cowscope.ui.summary.SummaryView;
import dev.cowscope.ui.summary.SummaryViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The inspector window on Monocle: open, look, hover, click, cancel, fail, export. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class InspectorWindowUiTest {

    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final Preferences prefsNode = Preferences.userRoot().node("dev/cowscope/ui-test-" + UUID.randomUUID());
    private volatile boolean slowParse;
    private FxTaskRunner tasks;
    private MainViewModel model;
    private MainWindow window;
    private Stage stage;

    @TempDir
    Path temp;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        tasks = new FxTaskRunner("ui-test", 2);
        ImageOpener opener = (path, options, progress) -> ImageOpener.ENGINE.open(path, options, slowParse ? slow(progress) : progress);
        AppPreferences preferences = new AppPreferences(prefsNode);
        model = new MainViewModel(tasks, dialogs, preferences, opener);
        window = new MainWindow(stage, model);
        CowScopeApp.show(stage, window, model, preferences);
        UiTestSupport.placeAtScreenshotSize(stage);
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
    void sampleOpensWithItsSummaryMapsAndExports(FxRobot robot) throws Exception {
        screenshot("start-page", stage.getScene().getRoot());
        robot.clickOn("#start-sample");
        waitUntil(() -> model.document() != null && model.originProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#state-badge").queryAs(Label.class).getText()).isEqualTo("VALID");
        assertThat(robot.lookup("#status-line").queryAs(Label.class).getText()).isEqualTo("8040/16384 40");
        assertThat(model.document().image().exceptions().size()).isEqualTo(1000);
        screenshot("summary", stage.getScene().getRoot());

        MapCanvas map = window.chunkMapView().canvas();
        waitUntil(() -> map.framesPaintedProperty().get() > 0 && map.viewportProperty().get().chunkCount() > 0);
        WaitForAsyncUtils.waitForFxEvents();
        screenshot("chunk-map", window.chunkMapView());

        // hover the cell of chunk 2 (the first data chunk) and read the tooltip
        double[] at = cellCentre(map, 2);
        robot.moveTo(map.mapPane().localToScreen(at[0], at[1]));
        waitUntil(() -> !map.hoverTextProperty().get().isEmpty());
        assertThat(map.tooltip().getText()).startsWith("chunk 2 @0x2000").contains("Data in use").contains("→ new 2");

        // click chunk 1 (area 0's metadata) and see its entries decoded
        double[] meta = cellCentre(map, 1);
        robot.clickOn(map.mapPane().localToScreen(meta[0], meta[1]));
        waitUntil(() -> model.selection().chunk() == 1 && window.inspectorView().list().getItems().size() == 256);
        WaitForAsyncUtils.waitForFxEvents();
        screenshot("chunk-inspector", window.chunkMapView());

        showTab("origin-map");
        waitUntil(() -> window.originMapView().canvas().framesPaintedProperty().get() > 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#origin-size-note").queryAs(Label.class).getText()).contains("from the attached origin");
        screenshot("origin-map", window.originMapView());

        // a click answers in this tab: the origin bytes and the COW chunk that replaces them
        MapCanvas origin = window.originMapView().canvas();
        var table = model.document().image().exceptions();
        long remapped = table.oldChunk(table.size() - 1);
        long replacement = table.newChunk(table.size() - 1);
        var fitted = origin.viewportProperty().get();
        // Fit fills the area: one cell size larger would not hold every chunk
        int larger = fitted.cellPx() + 1;
        if (fitted.chunksPerCell() == 1 && fitted.cellPx() < dev.cowscope.ui.map.MapViewport.MAX_CELL_PX) {
            assertThat((long) (fitted.widthPx() / larger) * (fitted.heightPx() / larger)).isLessThan(fitted.chunkCount());
        }
        Platform.runLater(() -> origin.select(remapped));
        WaitForAsyncUtils.waitForFxEvents();
        double[] at2 = cellCentre(origin, remapped);
        robot.clickOn(origin.mapPane().localToScreen(at2[0], at2[1]));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#tabs").queryAs(javafx.scene.control.TabPane.class).getSelectionModel().getSelectedItem().getId())
                .isEqualTo("tab-origin-map");
        assertThat(robot.lookup("#origin-chunk-details").queryAs(Label.class).getText())
                .startsWith("Origin chunk " + dev.cowscope.ui.common.Formats.unsigned(remapped) + ": origin bytes ")
                .contains("COW chunk " + dev.cowscope.ui.common.Formats.unsigned(replacement) + ", COW bytes ");
        screenshot("origin-map-clicked", stage.getScene().getRoot());

        showTab("areas");
        waitUntil(() -> window.areasView().areaTable().getItems().size() == 4);
        Platform.runLater(() -> window.areasView().areaTable().getSelectionModel().select(1));
        waitUntil(() -> window.areasView().entryTable().getItems().size() == 256);
        WaitForAsyncUtils.waitForFxEvents();
        screenshot("areas", window.areasView());

        showTab("fill");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#fill-status").queryAs(Label.class).getText()).isEqualTo("8040/16384 40");
        screenshot("fill", window.fillView());

        Path report = temp.resolve("report.json");
        Platform.runLater(() -> window.export().exportReport(report));
        waitUntil(() -> Files.exists(report));
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.get("state").asText()).isEqualTo("VALID");
        assertThat(json.get("usage").get("dmsetupStatus").asText()).isEqualTo("8040/16384 40");
        assertThat(json.get("exceptions").get("count").asInt()).isEqualTo(1000);
        assertThat(json.get("areas")).hasSize(4);

        Path png = temp.resolve("map.png");
        Platform.runLater(() -> window.export().exportChunkMapPng(png));
        waitUntil(() -> Files.exists(png));
        java.awt.image.BufferedImage exported = ImageIO.read(png.toFile());
        assertThat(exported.getWidth()).isEqualTo(1024);
        // a title and legend band on white above the map
        assertThat(exported.getHeight()).isGreaterThan(dev.cowscope.ui.export.ExportViewModel.PNG_HEADER_HEIGHT);
        assertThat(exported.getRGB(1000, 4)).isEqualTo(0xFFFFFFFF);
        Files.createDirectories(UiTestSupport.SCREENSHOTS);
        Files.copy(png, UiTestSupport.SCREENSHOTS.resolve("export-chunk-map.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (Files.getFileStore(png).supportsFileAttributeView("posix")) {
            // the user's umask, not a temp file's 0600: group and others get what they get for any new file
            Path reference = Files.createFile(temp.resolve("reference"));
            assertThat(Files.getPosixFilePermissions(png)).isEqualTo(Files.getPosixFilePermissions(reference));
        }
        assertThat(dialogs.shown).isEmpty();
    }

    @Test
    void aSummaryBuiltAfterTheOpenStillColoursItsBadge(FxRobot robot) throws Exception {
        Path cow = CowImageBuilder.cow().exceptions(0, 20).writeTo(temp.resolve("late.cow"));
        Platform.runLater(() -> model.open(cow));
        waitUntil(() -> model.document() != null);
        Label[] badge = new Label[1];
        Platform.runLater(() -> badge[0] = (Label) new SummaryView(new SummaryViewModel(model)).lookup("#state-badge"));
        waitUntil(() -> badge[0] != null);
        assertThat(badge[0].getStyleClass()).contains("tone-good");
    }

    @Test
    void goToTakesWhatFindingsPrintAndShowsThatPlace(FxRobot robot) throws Exception {
        Path cow = CowImageBuilder.cow().exception(1, 2).exception(2, 258).writeTo(temp.resolve("goto.cow"));
        Platform.runLater(() -> model.open(cow));
        waitUntil(() -> model.document() != null);
        WaitForAsyncUtils.waitForFxEvents();
        robot.press(KeyCode.CONTROL, KeyCode.G).release(KeyCode.G, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup(".text-input-dialog .text-field").tryQuery().isPresent());
        robot.clickOn(".text-input-dialog .text-field").write("chunk 2");
        WaitForAsyncUtils.waitForFxEvents();
        screenshot("go-to-dialog", robot.lookup(".dialog-pane").queryAs(Node.class));
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        waitUntil(() -> model.statusProperty().get().startsWith("chunk 2 @0x2000: data of origin chunk 1"));
        assertThat(model.selection().chunk()).isEqualTo(2);
        assertThat(model.selection().entry()).isZero();

        Platform.runLater(() -> model.goTo(model.document().image().findings().get(0)));
        waitUntil(() -> model.statusProperty().get().startsWith("area 0 entry 1 @0x1010: old_chunk 2 -> new_chunk 258"));
        assertThat(model.selection().entry()).isEqualTo(1);

        Platform.runLater(() -> model.goTo("somewhere"));
        waitUntil(() -> !dialogs.shown.isEmpty());
        assertThat(dialogs.shown.get(0).message()).contains("area 3 entry 17");
    }

    @Test
    void theBadgeIsNeverGreenOverErrorsOrAFullStore(FxRobot robot) throws Exception {
        Path damaged = CowImageBuilder.cow().deviceBytes(64 * 4096).exception(5, 2).exception(6, 1).exception(7, 4)
                .writeTo(temp.resolve("damaged.cow"));
        Platform.runLater(() -> model.open(damaged));
        waitUntil(() -> model.document() != null && !robot.lookup("#state-badge").queryAll().isEmpty());
        Label badge = robot.lookup("#state-badge").queryAs(Label.class);
        waitUntil(() -> badge.getStyleClass().contains("tone-error"));
        assertThat(badge.getText()).isEqualTo("VALID");
        assertThat(badge.getTooltip().getText()).startsWith("VALID — the kernel loads 3 exceptions").contains("ERROR finding");
        screenshot("badge-errors", stage.getScene().getRoot());

        Path full = CowImageBuilder.cow().deviceBytes(128 * 4096).exceptions(0, 126).writeTo(temp.resolve("full.cow"));
        Platform.runLater(() -> model.open(full));
        waitUntil(() -> badge.getText().equals("VALID · FULL"));
        assertThat(badge.getStyleClass()).contains("tone-warning").doesNotContain("tone-error", "tone-good");

        Path fine = CowImageBuilder.cow().deviceBytes(128 * 4096).exceptions(0, 20).writeTo(temp.resolve("fine.cow"));
        Platform.runLater(() -> model.open(fine));
        waitUntil(() -> badge.getText().equals("VALID") && badge.getStyleClass().contains("tone-good"));
        assertThat(badge.getStyleClass()).doesNotContain("tone-warning", "tone-error");
    }

    @Test
    void aFifteenTebibyteStoreOf512ByteChunksOpensAndMaps(FxRobot robot) throws Exception {
        // ext4 allows files just under 16 TiB: 2^35 - 2^25 chunks, mapped sparsely (a byte each would be 32 GiB)
        Path huge = CowImageBuilder.cow().chunkSizeSectors(1).deviceBytes(15L << 40).exceptions(0, 100)
                .writeSparse(temp.resolve("huge.cow"));
        Platform.runLater(() -> model.open(huge));
        waitUntil(() -> model.document() != null);
        MapCanvas map = window.chunkMapView().canvas();
        waitUntil(() -> map.viewportProperty().get().chunkCount() == (15L << 40) / 512);
        waitUntil(() -> { // the first frame painted may be the empty map's: wait for cells at the centre
            javafx.scene.image.WritableImage shot = map.mapPane().snapshot(null, null);
            return shot.getPixelReader().getArgb((int) shot.getWidth() / 2, (int) shot.getHeight() / 2)
                    != dev.cowscope.ui.map.ChunkPalette.BACKGROUND;
        });
        assertThat(model.document().chunkMap().truncated()).isFalse();
        assertThat(dialogs.shown).isEmpty();
        screenshot("huge-sparse", stage.getScene().getRoot());
    }

    @Test
    void clickingAFindingSelectsItsChunkAndEntry(FxRobot robot) throws Exception {
        Path damaged = CowImageBuilder.cow().deviceBytes(64 * 4096).exception(5, 2).exception(6, 1).exception(7, 4)
                .writeTo(temp.resolve("damaged.cow"));
        Platform.runLater(() -> model.open(damaged));
        waitUntil(() -> model.document() != null);
        WaitForAsyncUtils.waitForFxEvents();
        var list = window.summaryView().findingsList();
        int index = -1;
        for (int i = 0; i < list.getItems().size(); i++) {
            if (list.getItems().get(i).kind() == FindingKind.NEW_CHUNK_IN_METADATA) {
                index = i;
            }
        }
        assertThat(index).as("findings: %s", list.getItems()).isGreaterThanOrEqualTo(0);
        Finding finding = list.getItems().get(index);
        int row = index;
        Platform.runLater(() -> list.scrollTo(row));
        WaitForAsyncUtils.waitForFxEvents();
        Node cell = robot.lookup(".list-cell").match(n -> n instanceof javafx.scene.control.ListCell
                && ((javafx.scene.control.ListCell<?>) n).getItem() == finding).query();
        robot.clickOn(cell);
        waitUntil(() -> model.selection().entry() == 1);
        assertThat(model.selection().chunk()).isEqualTo(finding.location().chunk()).isEqualTo(1);
        waitUntil(() -> window.areasView().entryTable().getSelectionModel().getSelectedItem() != null);
        assertThat(window.areasView().entryTable().getSelectionModel().getSelectedItem()).isEqualTo(1);
        assertThat(window.chunkMapView().canvas().viewportProperty().get().chunkCount()).isEqualTo(64);
        screenshot("summary-findings", stage.getScene().getRoot());
    }

    @Test
    void openingTheNextImageKeepsTheSummaryRowsAndLegendAndShowsItsValues(FxRobot robot) throws Exception {
        Path first = CowImageBuilder.cow().deviceBytes(64 * 4096).exceptions(0, 3).writeTo(temp.resolve("first.cow"));
        Path second = CowImageBuilder.cow().deviceBytes(64 * 4096).exceptions(10, 7).writeTo(temp.resolve("second.cow"));
        Platform.runLater(() -> model.open(first));
        waitUntil(() -> model.document() != null);
        WaitForAsyncUtils.waitForFxEvents();
        TextField exceptions = summaryValue(robot, "Exceptions");
        assertThat(exceptions.getText()).isEqualTo("3 (sequential)");
        Label dataInUse = legendEntry(robot, "Data in use");
        assertThat(dataInUse.getText()).isEqualTo("Data in use  3");
        assertThat(exceptions.isDisabled()).as("selectable, to copy a value").isFalse();
        assertThat(exceptions.isEditable()).isFalse();

        Object before = model.document();
        Platform.runLater(() -> model.open(second));
        waitUntil(() -> model.document() != null && model.document() != before);
        WaitForAsyncUtils.waitForFxEvents();
        // the same editor, with the new image's value: the sheet was not rebuilt (a 260 ms CSS pass)
        assertThat(summaryValue(robot, "Exceptions")).isSameAs(exceptions);
        assertThat(exceptions.getText()).isEqualTo("7 (sequential)");
        // the legend too keeps its labels and changes their counts
        assertThat(legendEntry(robot, "Data in use")).isSameAs(dataInUse);
        assertThat(dataInUse.getText()).isEqualTo("Data in use  7");
    }

    private static Label legendEntry(FxRobot robot, String role) {
        return robot.lookup("#chunk-map-legend .legend-entry").match(n -> ((Label) n).getText().startsWith(role)).queryAs(Label.class);
    }

    /** The value editor on the summary row named {@code name}. */
    private static TextField summaryValue(FxRobot robot, String name) {
        Label label = robot.lookup("#header-sheet .label").match(n -> name.equals(((Label) n).getText())).queryAs(Label.class);
        return (TextField) label.getLabelFor();
    }

    @Test
    void aLongParseCanBeCancelled(FxRobot robot) throws Exception {
        Path big = CowImageBuilder.cow().deviceBytes(64L << 20).exceptions(0, 2000).writeSparse(temp.resolve("big.cow"));
        slowParse = true;
        Platform.runLater(() -> model.open(big));
        waitUntil(() -> robot.lookup("#cancel-job").queryAs(Button.class).isVisible());
        robot.clickOn("#cancel-job");
        waitUntil(() -> model.statusProperty().get().contains("cancelled"));
        assertThat(model.document()).isNull();
        assertThat(dialogs.shown).isEmpty();
    }

    @Test
    void aDamagedImageShowsAnErrorDialog(FxRobot robot) throws Exception {
        byte[] junk = new byte[8192];
        java.util.Arrays.fill(junk, (byte) 0xAB);
        Path bad = Files.write(temp.resolve("bad-magic.img"), junk);
        Platform.runLater(() -> model.open(bad));
        waitUntil(() -> !dialogs.shown.isEmpty());
        RecordingDialogService.Shown error = dialogs.shown.get(0);
        assertThat(error.kind()).isEqualTo("error");
        assertThat(error.title()).contains("bad-magic.img");
        assertThat(error.message()).contains("not a dm-snapshot COW").contains("0xabababab");
        assertThat(error.detail()).isNotNull();
        assertThat(model.document()).isNull();
    }

    private void showTab(String id) {
        Platform.runLater(() -> window.showTab(id));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static double[] cellCentre(MapCanvas map, long chunk) {
        var v = map.viewportProperty().get();
        double cell = v.cellPx();
        return new double[] {v.columnOf(chunk) * cell + cell / 2, (v.rowOf(chunk) - v.firstRow()) * cell + cell / 2};
    }

    /** A progress that takes its time, so there is a parse to cancel. */
    private static Progress slow(Progress inner) {
        return new Progress() {
            @Override
            public void begin(String phase, long totalWork) {
                inner.begin(phase, totalWork);
            }

            @Override
            public void worked(long units) {
                inner.worked(units);
                for (int i = 0; i < 50 && !inner.isCancelled(); i++) {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }

            @Override
            public boolean isCancelled() {
                return inner.isCancelled();
            }
        };
    }


}
