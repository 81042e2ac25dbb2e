package dev.cowscope.ui.export;

import dev.cowscope.format.CowImage;
import dev.cowscope.format.StoreVerdict;
import dev.cowscope.format.Units;
import dev.cowscope.report.ExceptionsWriter;
import dev.cowscope.report.AndroidInspectReport;
import dev.cowscope.report.InspectReport;
import dev.cowscope.report.ReportJson;
import dev.cowscope.snapshot.SnapshotView;
import dev.cowscope.ui.common.FileExport;
import dev.cowscope.ui.common.Formats;
import dev.cowscope.ui.document.AttachedOrigin;
import dev.cowscope.ui.document.MainViewModel;
import dev.cowscope.ui.document.OpenedAndroidCow;
import dev.cowscope.ui.document.OpenedImage;
import dev.cowscope.ui.map.ChunkRaster;
import dev.cowscope.ui.map.CowChunkMap;
import dev.cowscope.ui.map.CowChunkRole;
import dev.cowscope.ui.map.MapViewport;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javax.imageio.ImageIO;

/**
 * The Export menu: what each export writes; {@link FileExport} writes it (background, temp + rename).
 */
public final class ExportViewModel {
    /** Width of the exported chunk-map image. */
    public static final int PNG_WIDTH = 1024;
    public static final int PNG_MAX_HEIGHT = 1024;
    /** Title, subtitle and legend above the map. */
    public static final int PNG_HEADER_HEIGHT = 86;

    private final MainViewModel main;
    private final FileExport files;
    private final BooleanBinding canExport;
    private final BooleanBinding canExportView;
    private final BooleanBinding canExportReport;

    public ExportViewModel(MainViewModel main) {
        this.main = main;
        this.files = new FileExport(main.tasks(), main.dialogs(), main::reportStatus);
        this.canExport = Bindings.isNotNull(main.documentProperty()).and(main.busyProperty().not());
        this.canExportView = canExport.and(Bindings.isNotNull(main.originProperty()));
        this.canExportReport = canExport.or(Bindings.isNotNull(main.androidDocumentProperty()).and(main.busyProperty().not()));
    }

    /** The report exists for both formats. */
    public BooleanBinding canExportReportProperty() {
        return canExportReport;
    }

    public BooleanBinding canExportProperty() {
        return canExport;
    }

    /** Snapshot view needs an attached origin. */
    public BooleanBinding canExportViewProperty() {
        return canExportView;
    }

    /** The {@code inspect --json} report (with areas), of a dm-snapshot COW or an Android COW. */
    public void exportReport(Path target) {
        OpenedImage doc = main.document();
        OpenedAndroidCow android = main.androidDocument();
        if (doc != null) {
            files.write("the report", target, (out, progress) -> ReportJson.write(InspectReport.of(doc.image(), true), out));
        } else if (android != null) {
            files.write("the report", target, (out, progress) -> ReportJson.write(AndroidInspectReport.of(android.cow(), android.merge()), out));
        }
    }

    /** Every exception as CSV, in disk order. */
    public void exportExceptionsCsv(Path target) {
        OpenedImage doc = main.document();
        if (doc != null) {
            files.writeText("the exceptions CSV", target, (out, progress) -> ExceptionsWriter.csv(doc.image().exceptions(), false, out, progress));
        }
    }

    /**
     * The whole chunk map as a PNG, {@value #PNG_WIDTH} pixels wide, under a title (file, state,
     * dmsetup status) and the legend with each role's count: an image that makes sense on its own
     * in a ticket or a mail.
     */
    public void exportChunkMapPng(Path target) {
        OpenedImage doc = main.document();
        if (doc == null) {
            return;
        }
        files.write("the chunk map PNG", target, (out, progress) -> {
            CowChunkMap map = doc.chunkMap();
            long chunks = map.chunkCount();
            MapViewport fit = MapViewport.fit(chunks, PNG_WIDTH, PNG_MAX_HEIGHT);
            int mapHeight = (int) Math.max(1, Math.min(PNG_MAX_HEIGHT, fit.totalRows() * fit.cellPx()));
            MapViewport v = new MapViewport(chunks, PNG_WIDTH, mapHeight, fit.cellPx(), fit.chunksPerCell(), 0);
            int[] argb = ChunkRaster.render(map.cells(), CowChunkRole.palette(), v, progress::isCancelled);
            BufferedImage image = new BufferedImage(PNG_WIDTH, PNG_HEADER_HEIGHT + mapHeight, BufferedImage.TYPE_INT_ARGB);
            drawHeader(image, doc, map, v);
            image.setRGB(0, PNG_HEADER_HEIGHT, PNG_WIDTH, mapHeight, argb, 0, PNG_WIDTH);
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        });
    }

    /** Title, subtitle and legend above the map, on white (AWT: the export runs off the FX thread). */
    private static void drawHeader(BufferedImage image, OpenedImage doc, CowChunkMap map, MapViewport v) {
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, PNG_WIDTH, PNG_HEADER_HEIGHT);
            CowImage cow = doc.image();
            StoreVerdict verdict = StoreVerdict.of(cow);
            g.setColor(new Color(0x1f2d3a));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            g.drawString("CowScope chunk map: " + doc.displayName(), 12, 26);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.setColor(new Color(0x5f6b76));
            String scale = v.chunksPerCell() > 1 ? Formats.grouped(v.chunksPerCell()) + " chunks per pixel"
                    : v.cellPx() + " px per chunk";
            g.drawString(verdict.badge() + " · dmsetup status " + cow.usage().map(u -> u.params()).orElse("—") + " · "
                    + Formats.grouped(map.chunkCount()) + " chunks of " + cow.layout().map(l -> Units.human(l.chunkSizeBytes())).orElse("?")
                    + " · " + scale, 12, 48);
            int x = 12;
            for (CowChunkRole role : CowChunkRole.values()) {
                String text = role.label() + "  " + Formats.grouped(map.count(role));
                g.setColor(new Color(role.argb(), true));
                g.fillRect(x, 62, 12, 12);
                g.setColor(new Color(0x1f2d3a));
                g.drawRect(x, 62, 12, 12);
                g.drawString(text, x + 18, 73);
                x += 18 + g.getFontMetrics().stringWidth(text) + 20;
            }
        } finally {
            g.dispose();
        }
    }

    /** What {@code /dev/mapper/<snap>} reads: the origin with the remapped chunks from the COW. */
    public void exportSnapshotView(Path target) {
        OpenedImage doc = main.document();
        AttachedOrigin origin = main.originProperty().get();
        if (doc == null) {
            return;
        }
        if (origin == null) {
            main.dialogs().showError("No origin attached", "Attach the origin (File ▸ Attach origin…) to rebuild the snapshot view.", null);
            return;
        }
        CowImage image = doc.image();
        files.run("the snapshot view", target, progress -> {
            SnapshotView view = new SnapshotView(origin.source(), image, doc.source(), false);
            SnapshotView.Result result = view.writeTo(target, progress);
            return target.resolveSibling(target.getFileName() + " (sha256 " + result.sha256() + ")");
        });
    }
}
