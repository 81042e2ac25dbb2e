package dev.cowscope.ui.android;

import dev.cowscope.android.AndroidCow;
import dev.cowscope.android.AndroidCowOps;
import dev.cowscope.android.AndroidOpType;
import dev.cowscope.android.CompressionFigures;
import dev.cowscope.format.Finding;
import dev.cowscope.ui.common.Formats;
import dev.cowscope.ui.common.LazyIndexList;
import dev.cowscope.ui.common.Widgets;
import dev.cowscope.ui.map.ByteRoleCells;
import dev.cowscope.ui.map.MapCanvas;
import java.util.function.BiFunction;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The Android COW tab: summary and findings on the left; on the right the target partition's block map
 * (a canvas, never a node per block), the ops table (rows are indexes into the parse's columns) with find,
 * and the stored-against-decoded chart per compression algorithm.
 */
public final class AndroidCowView extends BorderPane {
    public static final String NO_COW_HINT = "No Android COW open. Open one (File ▸ Open…, Ctrl+O, or drop it on the window): "
            + "the update of one partition, as Virtual A/B writes it (libsnapshot_cow v2 or v3).";
    private final AndroidCowViewModel model;
    private final MapCanvas canvas;
    private final TableView<Integer> ops = new TableView<>();
    private final TabPane tabs = new TabPane();
    private final BarChart<String, Number> chart = new BarChart<>(new CategoryAxis(), new NumberAxis());

    public AndroidCowView(AndroidCowViewModel model) {
        this.model = model;
        setId("android-cow");
        getStyleClass().add("android-cow-view");
        canvas = new MapCanvas(AndroidBlockRole.palette(), model::describe);
        canvas.setId("android-block-map");
        canvas.setOnChunkClicked(model::selectBlock);

        Tab map = new Tab("Block map", blockMap());
        map.setId("android-tab-map");
        Tab table = new Tab("Ops", opsTable());
        table.setId("android-tab-ops");
        Tab figures = new Tab("Compression", compressionChart());
        figures.setId("android-tab-compression");
        tabs.getTabs().addAll(map, table, figures);
        tabs.getTabs().forEach(t -> t.setClosable(false));

        BooleanBinding empty = model.documentProperty().isNull();
        Label hint = Widgets.emptyHint("android-empty", NO_COW_HINT, empty);
        Label refused = Widgets.message("android-refused", "severity-warning", model.refusalProperty(), true);
        refused.setPadding(new javafx.geometry.Insets(4, 8, 4, 8));
        VBox right = new VBox(refused, tabs);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        SplitPane split = new SplitPane(summary(), right);
        split.setDividerPositions(0.3);
        split.visibleProperty().bind(empty.not());
        setCenter(new StackPane(split, hint));

        model.cellsProperty().addListener((obs, was, cells) -> canvas.setCells(cells == null ? new ByteRoleCells(new byte[0], 5) : cells));
        if (model.cellsProperty().get() != null) {
            canvas.setCells(model.cellsProperty().get());
        }
        model.documentProperty().addListener((obs, was, now) -> showOps());
        showOps();
        model.selectedOpProperty().addListener((obs, was, op) -> revealOp(op.intValue()));
        model.compression().addListener((ListChangeListener<CompressionFigures>) c -> showCompression());
        showCompression();
    }

    public AndroidCowViewModel model() {
        return model;
    }

    public MapCanvas canvas() {
        return canvas;
    }

    public TableView<Integer> opsTableView() {
        return ops;
    }

    public TabPane tabs() {
        return tabs;
    }

    private VBox summary() {
        ListView<AndroidCowViewModel.SummaryRow> rows = new ListView<>(model.summary());
        rows.setId("android-summary");
        rows.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(AndroidCowViewModel.SummaryRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : row.name() + ":  " + row.value());
                // long values (op counts, resume points, AOSP's reason) wrap instead of being cut
                setWrapText(true);
                setPrefWidth(0);
                setTooltip(empty || row == null || row.tip() == null ? null : new Tooltip(row.tip()));
            }
        });
        ListView<Finding> findings = new ListView<>(model.findings());
        findings.setId("android-findings");
        Label none = new Label("No findings: AOSP's reader and ours agree the file is sound");
        none.setWrapText(true);
        findings.setPlaceholder(none);
        findings.setPrefHeight(140);
        findings.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Finding f, boolean empty) {
                super.updateItem(f, empty);
                setText(empty || f == null ? null : f.severity() + "  " + f.kind() + "\n" + f.message());
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        VBox.setVgrow(rows, Priority.ALWAYS);

        VBox box = new VBox(Widgets.section("Android COW"), rows, Widgets.section("Findings"), findings);
        box.getStyleClass().add("summary-view");
        return box;
    }

    private BorderPane blockMap() {
        Button in = Widgets.mapButton("+", "Zoom in (or the mouse wheel)", canvas::zoomIn);
        Button out = Widgets.mapButton("−", "Zoom out (or the mouse wheel)", canvas::zoomOut);
        Button fit = Widgets.mapButton("Fit", "Show every block up to the highest an op writes", canvas::fit);
        Label scale = new Label();
        scale.getStyleClass().add("dim");
        canvas.viewportProperty().addListener((obs, was, v) -> scale.setText(v.chunksPerCell() > 1
                ? Formats.grouped(v.chunksPerCell()) + " blocks per pixel · " + Formats.grouped(v.chunkCount()) + " blocks"
                : v.cellPx() + " px per block · " + Formats.grouped(v.chunkCount()) + " blocks"));
        FlowPane legend = new FlowPane();
        legend.setId("android-legend");
        legend.getStyleClass().add("legend");
        model.legend().addListener((ListChangeListener<AndroidCowViewModel.LegendEntry>) c -> legend.getChildren().setAll(
                model.legend().stream().map(e -> Widgets.swatch(e.role().argb(), e.role().label() + "  " + Formats.grouped(e.blocks())))
                        .toList()));
        legend.getChildren().setAll(model.legend().stream()
                .map(e -> Widgets.swatch(e.role().argb(), e.role().label() + "  " + Formats.grouped(e.blocks()))).toList());
        BorderPane top = new BorderPane(new ToolBar(in, out, fit, new Separator(Orientation.VERTICAL), scale));
        top.setBottom(legend);
        BorderPane pane = new BorderPane(canvas);
        pane.setTop(top);
        Label selected = new Label();
        selected.setId("android-selected-op");
        selected.setWrapText(true);
        model.selectedOpProperty().addListener((obs, was, op) -> selected.setText(op.intValue() < 0 || model.documentProperty().get() == null
                ? "" : AndroidCowViewModel.describeOp(model.documentProperty().get().cow(), op.intValue()).replace('\n', ' ')));
        pane.setBottom(selected);
        return pane;
    }

    private BorderPane opsTable() {
        ops.setId("android-ops");
        ops.getColumns().add(column("#", 70, (cow, i) -> Integer.toString(i)));
        ops.getColumns().add(column("Type", 90, (cow, i) -> AndroidOpType.name(cow.ops().type(i))));
        ops.getColumns().add(column("New block", 100, (cow, i) -> Formats.grouped(cow.ops().newBlock(i))));
        ops.getColumns().add(column("Blocks", 60, (cow, i) -> cow.blocksCovered(i) == 0 ? "" : Long.toString(cow.blocksCovered(i))));
        ops.getColumns().add(column("Source", 150, AndroidCowView::source));
        ops.getColumns().add(column("Data at", 110, (cow, i) -> cow.ops().dataOffset(i) < 0 ? "" : Formats.grouped(cow.ops().dataOffset(i))));
        ops.getColumns().add(column("Stored", 90, (cow, i) -> AndroidOpType.hasData(cow.ops().type(i)) ? Formats.grouped(cow.ops().dataLength(i)) : ""));
        ops.getColumns().add(column("Compression", 100, (cow, i) -> cow.compressionOf(i) + (cow.keptRaw(i) ? " (kept raw)" : "")));
        ops.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        ops.getSelectionModel().selectedIndexProperty().addListener((obs, was, now) -> model.selectOp(now.intValue()));
        TextField find = Widgets.field("android-find", model.findTextProperty(), "block 1234 or op 17", 16);
        find.setTooltip(new Tooltip("A target block (1234 or block 1234) selects the op it reads from; op 17 or #17 selects that op"));
        find.setOnAction(e -> model.find());
        Button go = Widgets.button("Find", "Select the op that writes the block, or the op with that index", model::find);
        Label message = Widgets.message("android-find-message", "dim", model.findMessageProperty(), true);
        BorderPane pane = new BorderPane(ops);
        pane.setTop(new VBox(new ToolBar(new Label("Find"), find, go), message));
        return pane;
    }

    private static String source(AndroidCow cow, int i) {
        if (cow.copySourceBlock(i) >= 0) {
            return "block " + Formats.grouped(cow.copySourceBlock(i));
        }
        return cow.xorSourceOffset(i) >= 0 ? "byte " + Formats.grouped(cow.xorSourceOffset(i)) : "";
    }

    private TableColumn<Integer, String> column(String title, double width, BiFunction<AndroidCow, Integer, String> text) {
        TableColumn<Integer, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(row -> {
            var doc = model.documentProperty().get();
            return new ReadOnlyObjectWrapper<>(doc == null ? "" : text.apply(doc.cow(), row.getValue()));
        });
        return c;
    }

    private void showOps() {
        ops.setItems(javafx.collections.FXCollections.observableList(new LazyIndexList(0, model.opCount())));
    }

    private void revealOp(int op) {
        if (op < 0) {
            ops.getSelectionModel().clearSelection();
            return;
        }
        if (ops.getSelectionModel().getSelectedIndex() != op) {
            ops.getSelectionModel().clearAndSelect(op);
            ops.scrollTo(Math.max(0, op - 3));
        }
    }

    private void showCompression() {
        long largest = model.compression().stream().mapToLong(CompressionFigures::decodedBytes).max().orElse(0);
        int shift = largest >= 1L << 30 ? 30 : largest >= 1L << 20 ? 20 : largest >= 1L << 10 ? 10 : 0;
        String unit = shift == 30 ? "GiB" : shift == 20 ? "MiB" : shift == 10 ? "KiB" : "bytes";
        chart.setId("android-compression");
        chart.setTitle("Block data per algorithm: stored against decoded (" + unit + ")");
        chart.setAnimated(false);
        XYChart.Series<String, Number> stored = new XYChart.Series<>();
        stored.setName("stored in the COW");
        XYChart.Series<String, Number> decoded = new XYChart.Series<>();
        decoded.setName("decoded (what the partition reads)");
        for (CompressionFigures f : model.compression()) {
            String name = f.algorithm() + " (" + Formats.grouped(f.ops()) + " ops" + (f.rawOps() > 0 ? ", " + Formats.grouped(f.rawOps())
                    + " kept raw" : "") + ", stored " + Formats.percent(100 * f.ratio()) + ")";
            stored.getData().add(new XYChart.Data<>(name, f.storedBytes() / (double) (1L << shift)));
            decoded.getData().add(new XYChart.Data<>(name, f.decodedBytes() / (double) (1L << shift)));
        }
        chart.getData().setAll(java.util.List.of(stored, decoded));
    }

    private BorderPane compressionChart() {
        BorderPane pane = new BorderPane(chart);
        Label note = new Label("REPLACE and XOR data. A block that does not compress is stored as it is ('kept raw'; the v3 "
                + "writer does so for every algorithm, the v2 writer for lz4 and zstd) and read without decompression.");
        note.setWrapText(true);
        note.getStyleClass().add("dim");
        pane.setBottom(note);
        return pane;
    }
}
