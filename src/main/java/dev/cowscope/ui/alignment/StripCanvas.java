package dev.cowscope.ui.alignment;

import dev.cowscope.ui.common.RasterService;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
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
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.util.Duration;

/**
 * The device strip: one {@link WritableImage} the size of the viewport, filled by {@link StripRaster}
 * off the FX thread, an overlay canvas for hover and selection, and a scroll bar. Wheel zooms around
 * the pointer, dragging pans, clicking picks the line under the pointer. No node per extent or block;
 * hit-testing is {@link StripViewport#sectorAt} arithmetic.
 */
public final class StripCanvas extends BorderPane {
    private static final double ZOOM_STEP = 2;
    private final Pane pane = new Pane();
    private final ImageView imageView = new ImageView();
    private final Canvas overlay = new Canvas();
    private final ScrollBar scrollBar = new ScrollBar();
    private final Tooltip tooltip = new Tooltip();
    private final RasterService<Frame> render = new RasterService<>();

    /** Pixels of one render, tagged with the generation that asked for them. */
    record Frame(long generation, StripViewport viewport, int[] argb) {
    }
    private final ReadOnlyObjectWrapper<StripViewport> viewport = new ReadOnlyObjectWrapper<>(this, "viewport",
        StripViewport.fit(0, 1, 1));
    private final ReadOnlyStringWrapper hoverText = new ReadOnlyStringWrapper(this, "hoverText", "");
    private final ReadOnlyLongWrapper framesPainted = new ReadOnlyLongWrapper(this, "framesPainted", 0);
    private DeviceStrip strip = DeviceStrip.EMPTY;
    private IntFunction<String> describeLine = index -> "";
    private IntConsumer onLineClicked = index -> { };
    private WritableImage image;
    private long generation;
    private boolean dirty;
    private boolean updatingScrollBar;
    private int hoveredArea = -1;
    private int selectedArea = -1;
    private double dragStartX = Double.NaN;
    private double dragStartSector;

    private final AnimationTimer frame = new AnimationTimer() {
        @Override
        public void handle(long now) {
            stop();
            if (dirty) {
                dirty = false;
                DeviceStrip s = strip;
                StripViewport v = viewport.get();
                long gen = ++generation;
                render.render(cancelled -> new Frame(gen, v, StripRaster.render(s, v, cancelled)));
            }
        }
    };

    public StripCanvas() {
        getStyleClass().add("device-strip");
        pane.getStyleClass().add("device-strip-viewport");
        pane.getChildren().addAll(imageView, overlay);
        pane.setMinSize(50, 24);
        imageView.setManaged(false);
        imageView.setSmooth(false);
        overlay.setManaged(false);
        overlay.setMouseTransparent(true);
        scrollBar.setOrientation(Orientation.HORIZONTAL);
        setCenter(pane);
        setBottom(scrollBar);
        tooltip.setShowDelay(Duration.millis(150));
        tooltip.setHideDelay(Duration.millis(100));
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(520);
        Tooltip.install(pane, tooltip);

        pane.layoutBoundsProperty().addListener((obs, was, bounds) -> resized());
        scrollBar.valueProperty().addListener((obs, was, value) -> {
            if (!updatingScrollBar) {
                setViewport(viewport.get().withFirstSector(value.doubleValue()));
            }
        });
        pane.addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover(e.getX()));
        pane.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover(-1));
        pane.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            dragStartX = e.getX();
            dragStartSector = viewport.get().firstSector();
        });
        pane.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (!Double.isNaN(dragStartX)) {
                StripViewport v = viewport.get();
                setViewport(v.withFirstSector(dragStartSector + (dragStartX - e.getX()) * v.sectorsPerPixel()));
            }
        });
        pane.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress()) {
                int area = areaAt(e.getX());
                if (area >= 0) {
                    onLineClicked.accept(strip.lineIndex()[area]);
                }
            }
        });
        pane.addEventHandler(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() != 0) {
                setViewport(viewport.get().zoom(e.getDeltaY() > 0 ? ZOOM_STEP : 1 / ZOOM_STEP, e.getX()));
            } else if (e.getDeltaX() != 0) {
                StripViewport v = viewport.get();
                setViewport(v.withFirstSector(v.firstSector() - e.getDeltaX() * v.sectorsPerPixel()));
            }
            e.consume();
        });
        render.setOnSucceeded(e -> show(render.getValue()));
    }

    /** Shows a new strip: fitted to the width, or where it was when the device size is unchanged (an edit of the limits). */
    public void setStrip(DeviceStrip newStrip) {
        boolean sameDevice = newStrip.deviceSectors() == strip.deviceSectors() && newStrip.device().equals(strip.device());
        strip = newStrip;
        hoveredArea = -1;
        selectedArea = -1;
        StripViewport v = viewport.get();
        setViewport(sameDevice ? v : StripViewport.fit(newStrip.deviceSectors(), v.widthPx(), v.heightPx()));
    }

    public DeviceStrip strip() {
        return strip;
    }

    /** Text for a table line (the tooltip). */
    public void setLineDescriber(IntFunction<String> describe) {
        this.describeLine = describe;
    }

    public void setOnLineClicked(IntConsumer action) {
        this.onLineClicked = action;
    }

    public ReadOnlyObjectProperty<StripViewport> viewportProperty() {
        return viewport.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty hoverTextProperty() {
        return hoverText.getReadOnlyProperty();
    }

    /** Frames uploaded so far (tests wait on it). */
    public ReadOnlyLongProperty framesPaintedProperty() {
        return framesPainted.getReadOnlyProperty();
    }

    public Pane stripPane() {
        return pane;
    }

    public Tooltip tooltip() {
        return tooltip;
    }

    /** Zooms in around the selected line when it is in view, else around the middle. */
    public void zoomIn() {
        setViewport(viewport.get().zoom(ZOOM_STEP, zoomAnchorX()));
    }

    public void zoomOut() {
        setViewport(viewport.get().zoom(1 / ZOOM_STEP, zoomAnchorX()));
    }

    private double zoomAnchorX() {
        StripViewport v = viewport.get();
        if (selectedArea >= 0) {
            double x = v.xOf((strip.fromSector()[selectedArea] + strip.toSector()[selectedArea]) / 2.0);
            if (x >= 0 && x < v.widthPx()) {
                return x;
            }
        }
        return v.widthPx() / 2.0;
    }

    public void fit() {
        StripViewport v = viewport.get();
        setViewport(StripViewport.fit(strip.deviceSectors(), v.widthPx(), v.heightPx()));
    }

    /** Highlights table line {@code index} and scrolls it into view (-1 clears). */
    public void selectLine(int index) {
        selectedArea = index < 0 ? -1 : strip.areaOfLine(index);
        if (selectedArea >= 0) {
            StripViewport v = viewport.get();
            long from = strip.fromSector()[selectedArea];
            long to = strip.toSector()[selectedArea];
            if (from < v.firstSector() || to > v.endSector()) {
                setViewport(v.reveal(from, to));
            }
        }
        drawOverlay();
    }

    private void resized() {
        int w = (int) Math.floor(pane.getWidth());
        int h = (int) Math.floor(pane.getHeight());
        if (w < 1 || h < 1) {
            return;
        }
        StripViewport v = viewport.get();
        setViewport(v.isFit() ? StripViewport.fit(strip.deviceSectors(), w, h) : v.withSize(w, h));
    }

    private void setViewport(StripViewport v) {
        viewport.set(v);
        updatingScrollBar = true;
        scrollBar.setMin(0);
        scrollBar.setMax(v.maxFirstSector());
        double visible = v.widthPx() * v.sectorsPerPixel();
        scrollBar.setVisibleAmount(visible);
        scrollBar.setBlockIncrement(visible * 0.9);
        scrollBar.setUnitIncrement(Math.max(1, visible / 20));
        scrollBar.setValue(v.firstSector());
        scrollBar.setDisable(v.maxFirstSector() == 0);
        updatingScrollBar = false;
        dirty = true;
        frame.start();
        drawOverlay();
    }

    private void show(Frame rendered) {
        if (rendered == null || rendered.generation() != generation) {
            return; // a newer render is on its way
        }
        StripViewport v = rendered.viewport();
        if (image == null || (int) image.getWidth() != v.widthPx() || (int) image.getHeight() != v.heightPx()) {
            image = new WritableImage(v.widthPx(), v.heightPx());
            imageView.setImage(image);
            overlay.setWidth(v.widthPx());
            overlay.setHeight(v.heightPx());
        }
        image.getPixelWriter().setPixels(0, 0, v.widthPx(), v.heightPx(), PixelFormat.getIntArgbPreInstance(),
            rendered.argb(), 0, v.widthPx());
        drawOverlay();
        framesPainted.set(framesPainted.get() + 1);
    }

    /** The area under pixel column {@code x}; the worst one when several touch it. */
    private int areaAt(double x) {
        StripViewport v = viewport.get();
        if (x < 0 || x >= v.widthPx()) {
            return -1;
        }
        int[] hits = strip.areasIn(v.sectorAt(Math.floor(x)), v.sectorAt(Math.floor(x) + 1));
        int best = -1;
        for (int area : hits) {
            if (best < 0 || strip.verdict()[area] > strip.verdict()[best]) {
                best = area;
            }
        }
        return best;
    }

    private void hover(double x) {
        hoveredArea = x < 0 ? -1 : areaAt(x);
        String text = "";
        if (x >= 0) {
            long sector = (long) Math.floor(viewport.get().sectorAt(x));
            text = hoveredArea >= 0 ? describeLine.apply(strip.lineIndex()[hoveredArea])
                : "sector " + sector + " of " + strip.device() + ": not mapped by the table";
        }
        hoverText.set(text);
        tooltip.setText(text);
        if (text.isEmpty()) {
            tooltip.hide();
        }
        drawOverlay();
    }

    private void drawOverlay() {
        GraphicsContext g = overlay.getGraphicsContext2D();
        g.clearRect(0, 0, overlay.getWidth(), overlay.getHeight());
        outline(g, hoveredArea, Color.web("#1f2d3a", 0.8), 1.5);
        outline(g, selectedArea, Color.web("#2563eb"), 3);
    }

    private void outline(GraphicsContext g, int area, Color colour, double width) {
        if (area < 0 || area >= strip.areaCount()) {
            return;
        }
        StripViewport v = viewport.get();
        double x0 = Math.max(-width, Math.floor(v.xOf(strip.fromSector()[area])));
        double x1 = Math.min(v.widthPx() + width, Math.ceil(v.xOf(strip.toSector()[area])));
        if (x1 < 0 || x0 > v.widthPx()) {
            return;
        }
        double w = Math.max(3, x1 - x0);
        g.setStroke(colour);
        g.setLineWidth(width);
        g.strokeRect(x0 + width / 2, width / 2, w - width, overlay.getHeight() - width);
    }
}
