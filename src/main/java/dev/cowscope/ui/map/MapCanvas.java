package dev.cowscope.ui.map;

import dev.cowscope.ui.common.RasterService;
import java.nio.IntBuffer;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Orientation;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Background;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.util.Duration;

/**
 * A zoomable map of a chunk space: one {@link WritableImage} sized to the viewport, filled by
 * {@link ChunkRaster} off the FX thread, plus an overlay canvas for hover and selection, a
 * scroll bar over cell rows and an overview strip of the whole space. Never a node per chunk;
 * hit-testing is {@link MapViewport#chunkAt} arithmetic.
 * <p>
 * Wheel zooms around the pointer, dragging pans, clicking selects; repaints are coalesced to
 * one per frame and a newer render makes older ones stale.
 */
public final class MapCanvas extends BorderPane {
    private ChunkPalette palette;
    private final CellDescriber describe;
    private final Pane mapPane = new Pane();
    private final ImageView mapImage = new ImageView();
    private final Canvas overlay = new Canvas();
    private final ScrollBar scrollBar = new ScrollBar();
    private final Pane overviewPane = new Pane();
    private final ImageView overviewImage = new ImageView();
    private final Canvas overviewOverlay = new Canvas();
    private final Tooltip tooltip = new Tooltip();
    private final RasterService<RenderedFrame> mapRender = new RasterService<>();
    private final RasterService<RenderedFrame> overviewRender = new RasterService<>();
    private final ReadOnlyObjectWrapper<MapViewport> viewport = new ReadOnlyObjectWrapper<>(this, "viewport");
    private final ReadOnlyLongWrapper hoveredChunk = new ReadOnlyLongWrapper(this, "hoveredChunk", -1);
    private final ReadOnlyLongWrapper selectedChunk = new ReadOnlyLongWrapper(this, "selectedChunk", -1);
    private final ReadOnlyStringWrapper hoverText = new ReadOnlyStringWrapper(this, "hoverText", "");
    private final ReadOnlyLongWrapper framesPainted = new ReadOnlyLongWrapper(this, "framesPainted", 0);
    private ChunkCells cells = new ByteRoleCells(new byte[0], 1);
    private WritableImage image;
    private PixelBuffer<IntBuffer> pixels;
    private WritableImage overviewPixels;
    private long generation;
    private long overviewGeneration;
    private boolean dirty;
    private boolean overviewDirty;
    private boolean updatingScrollBar;
    private double dragStartY = Double.NaN;
    private long dragStartRow;
    private java.util.function.LongConsumer onChunkClicked = chunk -> { };

    private final AnimationTimer frame = new AnimationTimer() {
        @Override
        public void handle(long now) {
            paintIfDirty();
        }
    };

    public MapCanvas(ChunkPalette palette, CellDescriber describe) {
        this.palette = palette;
        this.describe = describe;
        getStyleClass().add("map-canvas");
        mapImage.setSmooth(false);
        overviewImage.setSmooth(false);
        overviewImage.setPreserveRatio(false);
        mapPane.getStyleClass().add("map-viewport");
        mapPane.getChildren().addAll(mapImage, overlay);
        mapPane.setMinSize(50, 50);
        overlay.setMouseTransparent(true);
        scrollBar.setOrientation(Orientation.VERTICAL);
        overviewPane.getStyleClass().add("map-overview");
        overviewPane.getChildren().addAll(overviewImage, overviewOverlay);
        overviewOverlay.setMouseTransparent(true);
        Tooltip.install(overviewPane, new Tooltip("The whole device; click to jump there"));
        overviewPane.setMinHeight(12);
        mapImage.setManaged(false);
        overlay.setManaged(false);
        overviewImage.setManaged(false);
        overviewOverlay.setManaged(false);
        setCenter(mapPane);
        setRight(scrollBar);
        setBottom(overviewPane);
        tooltip.setShowDelay(Duration.millis(150));
        tooltip.setHideDelay(Duration.millis(100));
        Tooltip.install(mapPane, tooltip);

        viewport.set(MapViewport.fit(0, 1, 1));
        mapPane.layoutBoundsProperty().addListener((obs, was, bounds) -> resized());
        // the gutters and the space past the last chunk take the theme's map background (CSS)
        mapPane.backgroundProperty().addListener((obs, was, now) -> followBackground(now));
        overviewPane.layoutBoundsProperty().addListener((obs, was, bounds) -> requestOverview());
        scrollBar.valueProperty().addListener((obs, was, value) -> {
            if (!updatingScrollBar) {
                setViewport(viewport.get().withFirstRow(Math.round(value.doubleValue())));
            }
        });
        mapPane.addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover(e.getX(), e.getY()));
        mapPane.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover(-1, -1));
        mapPane.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            dragStartY = e.getY();
            dragStartRow = viewport.get().firstRow();
        });
        mapPane.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (!Double.isNaN(dragStartY)) {
                long rows = Math.round((dragStartY - e.getY()) / viewport.get().cellPx());
                setViewport(viewport.get().withFirstRow(dragStartRow + rows));
            }
        });
        mapPane.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress()) {
                long chunk = viewport.get().chunkAt(e.getX(), e.getY());
                if (chunk >= 0) {
                    onChunkClicked.accept(chunk);
                }
            }
        });
        mapPane.addEventHandler(ScrollEvent.SCROLL, e -> {
            long anchor = viewport.get().chunkAt(e.getX(), e.getY());
            if (e.getDeltaY() > 0) {
                setViewport(viewport.get().zoomIn(anchor));
            } else if (e.getDeltaY() < 0) {
                setViewport(viewport.get().zoomOut(anchor));
            }
            e.consume();
        });
        overviewPane.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> jumpFromOverview(e.getX()));
        overviewPane.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> jumpFromOverview(e.getX()));

        mapRender.setOnSucceeded(e -> show(mapRender.getValue()));
        overviewRender.setOnSucceeded(e -> showOverview(overviewRender.getValue()));
    }

    /** Shows a new chunk space, fitted to the viewport. */
    public void setCells(ChunkCells newCells) {
        this.cells = newCells;
        MapViewport v = viewport.get();
        setViewport(MapViewport.fit(newCells.chunkCount(), v.widthPx(), v.heightPx()));
        requestOverview();
    }

    /**
     * Shows new roles for the same chunk space (an animation step), keeping zoom and scroll; a
     * space of another size is fitted as {@link #setCells} does.
     */
    public void updateCells(ChunkCells newCells) {
        if (newCells.chunkCount() != cells.chunkCount()) {
            setCells(newCells);
            return;
        }
        this.cells = newCells;
        dirty = true;
        requestOverview();
    }

    public ChunkCells cells() {
        return cells;
    }

    public void setOnChunkClicked(java.util.function.LongConsumer action) {
        this.onChunkClicked = action;
    }

    public ReadOnlyObjectProperty<MapViewport> viewportProperty() {
        return viewport.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty hoveredChunkProperty() {
        return hoveredChunk.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty hoverTextProperty() {
        return hoverText.getReadOnlyProperty();
    }

    /** Frames uploaded so far (tests wait on it). */
    public ReadOnlyLongProperty framesPaintedProperty() {
        return framesPainted.getReadOnlyProperty();
    }

    public Tooltip tooltip() {
        return tooltip;
    }

    /** The pane the map is drawn in (its coordinates are the viewport's). */
    public Pane mapPane() {
        return mapPane;
    }

    public void zoomIn() {
        setViewport(viewport.get().zoomIn(centreChunk()));
    }

    public void zoomOut() {
        setViewport(viewport.get().zoomOut(centreChunk()));
    }

    public void fit() {
        MapViewport v = viewport.get();
        setViewport(MapViewport.fit(cells.chunkCount(), v.widthPx(), v.heightPx()));
    }

    /** Marks {@code chunk} as selected and scrolls it into view (-1 clears). */
    public void select(long chunk) {
        selectedChunk.set(chunk);
        if (chunk >= 0 && chunk < cells.chunkCount()) {
            setViewport(viewport.get().reveal(chunk));
        }
        drawOverlay();
    }

    private long centreChunk() {
        MapViewport v = viewport.get();
        long chunk = v.chunkAt(v.widthPx() / 2.0, v.heightPx() / 2.0);
        return chunk >= 0 ? chunk : v.firstVisibleChunk();
    }

    private void resized() {
        int w = (int) Math.floor(mapPane.getWidth());
        int h = (int) Math.floor(mapPane.getHeight());
        if (w < 1 || h < 1) {
            return;
        }
        MapViewport v = viewport.get();
        boolean wasFit = v.equals(MapViewport.fit(v.chunkCount(), v.widthPx(), v.heightPx()));
        setViewport(wasFit ? MapViewport.fit(cells.chunkCount(), w, h) : v.withSize(w, h));
        requestOverview();
    }

    private void setViewport(MapViewport v) {
        viewport.set(v);
        updatingScrollBar = true;
        scrollBar.setMin(0);
        scrollBar.setMax(Math.max(0, v.maxFirstRow()));
        scrollBar.setVisibleAmount(Math.max(1, v.heightPx() / v.cellPx()));
        scrollBar.setBlockIncrement(Math.max(1, v.heightPx() / v.cellPx() - 1));
        scrollBar.setUnitIncrement(1);
        scrollBar.setValue(v.firstRow());
        scrollBar.setDisable(v.maxFirstRow() == 0);
        updatingScrollBar = false;
        dirty = true;
        frame.start();
        drawOverviewMarker();
    }

    private void followBackground(Background background) {
        if (background == null || background.getFills().isEmpty() || !(background.getFills().get(0).getFill() instanceof Color c)) {
            return;
        }
        int argb = 0xFF000000 | (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                | (int) Math.round(c.getBlue() * 255);
        if (argb != palette.background()) {
            palette = palette.withBackground(argb);
            dirty = true;
            requestOverview();
        }
    }

    private void requestOverview() {
        overviewDirty = true;
        frame.start();
    }

    /** Once per frame at most: start the renders that are due. */
    private void paintIfDirty() {
        frame.stop();
        if (dirty) {
            dirty = false;
            mapRender.render(frame(cells, palette, viewport.get(), ++generation));
        }
        if (overviewDirty) {
            overviewDirty = false;
            int w = (int) Math.max(1, Math.floor(overviewPane.getWidth()));
            long count = cells.chunkCount();
            long perCell = Math.max(1, (count + w - 1) / w);
            int columns = (int) Math.max(1, (count + perCell - 1) / perCell); // no empty tail when perCell rounds up
            MapViewport strip = new MapViewport(count, columns, 1, 1, perCell, 0);
            overviewRender.render(frame(cells, palette, strip, ++overviewGeneration));
        }
    }

    /** A render of {@code v} of {@code c}, tagged with {@code gen} (runs on the raster thread). */
    private static java.util.function.Function<java.util.function.BooleanSupplier, RenderedFrame> frame(
            ChunkCells c, ChunkPalette p, MapViewport v, long gen) {
        return cancelled -> new RenderedFrame(gen, v, ChunkRaster.render(c, p, v, cancelled));
    }

    private void show(RenderedFrame rendered) {
        if (rendered == null || rendered.generation() != generation) {
            return; // a newer render is on its way
        }
        MapViewport v = rendered.viewport();
        if (image == null || (int) image.getWidth() != v.widthPx() || (int) image.getHeight() != v.heightPx()) {
            // the image shares this buffer (PixelBuffer): a frame is one array copy, no pixel-format conversion
            pixels = new PixelBuffer<>(v.widthPx(), v.heightPx(), IntBuffer.allocate(v.widthPx() * v.heightPx()),
                    PixelFormat.getIntArgbPreInstance());
            image = new WritableImage(pixels);
            mapImage.setImage(image);
            overlay.setWidth(v.widthPx());
            overlay.setHeight(v.heightPx());
        }
        pixels.getBuffer().clear().put(rendered.argb(), 0, v.widthPx() * v.heightPx());
        pixels.updateBuffer(b -> null); // null: the whole image changed
        drawOverlay();
        framesPainted.set(framesPainted.get() + 1);
    }

    private void showOverview(RenderedFrame rendered) {
        if (rendered == null || rendered.generation() != overviewGeneration) {
            return;
        }
        // one summarised row, repeated to the strip's height: the image is never scaled
        int columns = rendered.viewport().widthPx();
        int w = (int) Math.max(columns, Math.floor(overviewPane.getWidth()));
        int h = (int) Math.max(1, Math.floor(overviewPane.getHeight()));
        int[] strip = new int[w * h];
        for (int x = 0; x < w; x++) {
            strip[x] = rendered.argb()[(int) ((long) x * columns / w)]; // stretch a short device across the strip
        }
        for (int y = 1; y < h; y++) {
            System.arraycopy(strip, 0, strip, y * w, w);
        }
        if (overviewPixels == null || (int) overviewPixels.getWidth() != w || (int) overviewPixels.getHeight() != h) {
            overviewPixels = new WritableImage(w, h);
            overviewImage.setImage(overviewPixels);
        }
        overviewPixels.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbPreInstance(), strip, 0, w);
        overviewOverlay.setWidth(w);
        overviewOverlay.setHeight(h);
        drawOverviewMarker();
    }

    private void drawOverviewMarker() {
        GraphicsContext g = overviewOverlay.getGraphicsContext2D();
        double w = overviewOverlay.getWidth();
        double h = overviewOverlay.getHeight();
        g.clearRect(0, 0, w, h);
        long count = cells.chunkCount();
        if (count == 0 || w < 1) {
            return;
        }
        MapViewport v = viewport.get();
        double x0 = w * v.firstVisibleChunk() / count;
        double x1 = w * v.endVisibleChunk() / count;
        g.setStroke(Color.web("#1f2d3a"));
        g.setLineWidth(2);
        g.strokeRect(x0 + 1, 1, Math.max(3, x1 - x0 - 2), h - 2);
    }

    private void jumpFromOverview(double x) {
        double w = overviewPane.getWidth();
        long count = cells.chunkCount();
        if (w <= 0 || count == 0) {
            return;
        }
        long chunk = (long) Math.max(0, Math.min(count - 1, count * (x / w)));
        MapViewport v = viewport.get();
        setViewport(v.withFirstRow(v.rowOf(chunk) - (v.heightPx() / v.cellPx()) / 2));
    }

    private void hover(double x, double y) {
        long chunk = viewport.get().chunkAt(x, y);
        hoveredChunk.set(chunk);
        MapViewport v = viewport.get();
        String text = chunk < 0 ? "" : describe.describe(chunk, Math.min(v.chunksPerCell(), v.chunkCount() - chunk));
        hoverText.set(text);
        tooltip.setText(text);
        if (chunk < 0) {
            tooltip.hide();
        }
        drawOverlay();
    }

    private void drawOverlay() {
        GraphicsContext g = overlay.getGraphicsContext2D();
        g.clearRect(0, 0, overlay.getWidth(), overlay.getHeight());
        outline(g, hoveredChunk.get(), Color.web("#1f2d3a", 0.8), 1.5);
        outline(g, selectedChunk.get(), Color.web("#ff9800"), 3);
    }

    private void outline(GraphicsContext g, long chunk, Color colour, double width) {
        MapViewport v = viewport.get();
        if (chunk < 0 || chunk >= v.chunkCount()) {
            return;
        }
        long row = v.rowOf(chunk) - v.firstRow();
        if (row < 0 || row >= v.visibleRows()) {
            return;
        }
        double cell = v.cellPx();
        double x = v.columnOf(chunk) * cell;
        double y = row * cell;
        double size = Math.max(cell, 6);
        double pad = (size - cell) / 2;
        g.setStroke(colour);
        g.setLineWidth(width);
        g.strokeRect(x - pad - width / 2, y - pad - width / 2, size + width, size + width);
    }
}
