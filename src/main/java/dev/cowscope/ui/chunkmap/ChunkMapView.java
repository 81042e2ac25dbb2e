package dev.cowscope.ui.chunkmap;

import dev.cowscope.ui.common.Formats;
import dev.cowscope.ui.common.Widgets;
import dev.cowscope.ui.map.ByteRoleCells;
import dev.cowscope.ui.map.CowChunkRole;
import dev.cowscope.ui.map.MapCanvas;
import dev.cowscope.ui.map.MapViewport;
import java.util.List;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Rectangle;

/** The COW chunk map with its zoom bar and legend; the chunk inspector sits below it. */
public final class ChunkMapView extends BorderPane {
    static final String NO_COW_HINT = "No COW image open. Open one (File ▸ Open…, Ctrl+O) or the bundled Sample "
            + "to see its chunks: header, exception areas, data and free space.";
    private final MapCanvas canvas;
    private final Label scale = new Label();

    public ChunkMapView(ChunkMapViewModel model, Region inspector) {
        getStyleClass().add("chunk-map-view");
        setId("chunk-map");
        canvas = new MapCanvas(CowChunkRole.palette(), model::describe);
        canvas.setId("chunk-map-canvas");
        canvas.setOnChunkClicked(model::select);

        Button in = Widgets.mapButton("+", "Zoom in (Ctrl+Plus, or the mouse wheel)", canvas::zoomIn);
        Button out = Widgets.mapButton("−", "Zoom out (Ctrl+Minus, or the mouse wheel)", canvas::zoomOut);
        Button fit = Widgets.mapButton("Fit", "Show the whole device (Ctrl+0)", canvas::fit);
        scale.getStyleClass().add("dim");
        canvas.viewportProperty().addListener((obs, was, v) -> scale.setText(describeScale(v)));
        FlowPane legend = new FlowPane();
        legend.getStyleClass().add("legend");
        legend.setId("chunk-map-legend");
        // one label per role, made once: the next image only changes their counts (new labels
        // would be styled again on the FX thread as the image shows)
        model.legend().addListener((ListChangeListener<ChunkMapViewModel.LegendEntry>) change -> showLegend(legend, model.legend()));
        showLegend(legend, model.legend());
        ToolBar bar = new ToolBar(in, out, fit, new Separator(Orientation.VERTICAL), scale);
        BorderPane top = new BorderPane();
        top.setCenter(bar);
        top.setBottom(legend);
        setTop(top);

        model.mapProperty().addListener((obs, was, map) -> canvas.setCells(map == null ? new ByteRoleCells(new byte[0], 5) : map.cells()));
        if (model.mapProperty().get() != null) {
            canvas.setCells(model.mapProperty().get().cells());
        }
        model.main().selection().chunkProperty().addListener((obs, was, now) -> canvas.select(now.longValue()));

        // with nothing open the map would read "0 chunks": say how to get one instead
        BooleanBinding empty = model.mapProperty().isNull();
        Label hint = Widgets.emptyHint("chunk-map-empty", NO_COW_HINT, empty);
        canvas.visibleProperty().bind(empty.not());
        scale.visibleProperty().bind(empty.not());
        legend.visibleProperty().bind(empty.not());
        legend.managedProperty().bind(legend.visibleProperty());
        for (Button b : List.of(in, out, fit)) {
            b.disableProperty().bind(empty);
        }
        SplitPane split = new SplitPane(new StackPane(canvas, hint), inspector);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.58);
        setCenter(split);

        setOnKeyPressed(e -> {
            if (e.isShortcutDown() && (e.getCode() == KeyCode.PLUS || e.getCode() == KeyCode.EQUALS || e.getCode() == KeyCode.ADD)) {
                canvas.zoomIn();
            } else if (e.isShortcutDown() && (e.getCode() == KeyCode.MINUS || e.getCode() == KeyCode.SUBTRACT)) {
                canvas.zoomOut();
            } else if (e.isShortcutDown() && (e.getCode() == KeyCode.DIGIT0 || e.getCode() == KeyCode.NUMPAD0)) {
                canvas.fit();
            }
        });
    }

    public MapCanvas canvas() {
        return canvas;
    }

    static String describeScale(MapViewport v) {
        if (v.chunksPerCell() > 1) {
            return Formats.grouped(v.chunksPerCell()) + " chunks per pixel · " + Formats.grouped(v.chunkCount()) + " chunks";
        }
        return v.cellPx() + " px per chunk · " + Formats.grouped(v.chunkCount()) + " chunks";
    }

    private static void showLegend(FlowPane legend, List<ChunkMapViewModel.LegendEntry> entries) {
        if (legend.getChildren().size() != entries.size()) {
            legend.getChildren().setAll(entries.stream().map(ChunkMapView::legendEntry).toList());
        }
        for (int i = 0; i < entries.size(); i++) {
            ChunkMapViewModel.LegendEntry entry = entries.get(i);
            ((Label) legend.getChildren().get(i)).setText(entry.role().label() + "  " + Formats.grouped(entry.chunks()));
        }
    }

    private static Label legendEntry(ChunkMapViewModel.LegendEntry entry) {
        Rectangle swatch = new Rectangle(12, 12, javafx.scene.paint.Color.web(entry.role().web()));
        swatch.getStyleClass().add("swatch");
        Label label = new Label("", swatch);
        label.getStyleClass().add("legend-entry");
        return label;
    }
}
