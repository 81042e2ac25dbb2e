package dev.cowscope.ui.origin;

import dev.cowscope.ui.common.Widgets;
import dev.cowscope.ui.map.BitRoleCells;
import dev.cowscope.ui.map.ChunkPalette;
import dev.cowscope.ui.map.MapCanvas;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/** Origin chunk space: remapped chunks highlighted; zoomed out, a pixel's colour is the share remapped (heat). */
public final class OriginMapView extends BorderPane {
    private final MapCanvas canvas;

    public OriginMapView(OriginMapViewModel model) {
        getStyleClass().add("origin-map-view");
        setId("origin-map");
        canvas = new MapCanvas(new ChunkPalette(new int[] {OriginMapViewModel.UNTOUCHED_ARGB, OriginMapViewModel.REMAPPED_ARGB}, -1),
                model::describe);
        canvas.setId("origin-map-canvas");
        canvas.setOnChunkClicked(model::select);
        Button in = new Button("+");
        in.setTooltip(new Tooltip("Zoom in (or the mouse wheel)"));
        in.setOnAction(e -> canvas.zoomIn());
        Button out = new Button("−");
        out.setTooltip(new Tooltip("Zoom out (or the mouse wheel)"));
        out.setOnAction(e -> canvas.zoomOut());
        Button fit = new Button("Fit");
        fit.setTooltip(new Tooltip("Show the whole origin"));
        fit.setOnAction(e -> canvas.fit());
        Label note = new Label();
        note.setId("origin-size-note");
        note.getStyleClass().add("dim");
        note.textProperty().bind(model.sizeNoteProperty());
        note.setWrapText(true);
        note.setMinHeight(Region.USE_PREF_SIZE);
        HBox legend = new HBox(Widgets.swatch(OriginMapViewModel.UNTOUCHED_ARGB, "Read from the origin"),
                Widgets.swatch(OriginMapViewModel.REMAPPED_ARGB, "Remapped to the COW (zoomed out: share remapped)"));
        legend.getStyleClass().add("legend");
        note.setPadding(new javafx.geometry.Insets(0, 0, 4, 8));
        BorderPane top = new BorderPane(null, new ToolBar(in, out, fit), null, new javafx.scene.layout.VBox(legend, note), null);
        setTop(top);
        setCenter(canvas);
        // a click answers here, in this tab: the chunk's origin bytes and the COW chunk that replaces it
        Label details = Widgets.message("origin-chunk-details", "origin-chunk-details", model.chunkDetailsProperty(), false);
        details.setMaxWidth(Double.MAX_VALUE);
        setBottom(details);
        model.clickedChunkProperty().addListener((obs, was, now) -> canvas.select(now.longValue()));
        model.mapProperty().addListener((obs, was, map) -> canvas.setCells(map == null ? new BitRoleCells(new long[0], 0) : map.cells()));
        if (model.mapProperty().get() != null) {
            canvas.setCells(model.mapProperty().get().cells());
        }
    }

    public MapCanvas canvas() {
        return canvas;
    }

}
