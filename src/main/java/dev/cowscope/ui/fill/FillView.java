package dev.cowscope.ui.fill;

import dev.cowscope.format.Units;
import dev.cowscope.ui.common.Formats;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** A stacked bar (metadata | data | free) and the exact figures in sectors, chunks and bytes. */
public final class FillView extends VBox {
    private final Region metadataBar = segment("fill-metadata");
    private final Region dataBar = segment("fill-data");
    private final Region freeBar = segment("fill-free");
    private final HBox bar = new HBox(metadataBar, dataBar, freeBar);
    private final Label headline = new Label();
    private final Label status = new Label();
    private final Label headroom = new Label();
    private final GridPane figures = new GridPane();
    private FillViewModel.FillLevel shown;

    public FillView(FillViewModel model) {
        getStyleClass().add("fill-view");
        setId("fill");
        headline.getStyleClass().add("fill-headline");
        headline.setId("fill-headline");
        status.getStyleClass().add("status-line");
        status.setId("fill-status");
        status.setTooltip(new Tooltip("What `dmsetup status` prints: allocated/total sectors, metadata sectors"));
        headroom.setId("fill-headroom");
        headroom.getStyleClass().add("fill-headroom");
        headroom.setWrapText(true);
        bar.getStyleClass().add("fill-stack");
        Tooltip.install(bar, new Tooltip("Metadata | data | free, to scale"));
        figures.getStyleClass().add("fill-figures");
        figures.setId("fill-figures");
        for (int c = 0; c < 4; c++) {
            ColumnConstraints constraints = new ColumnConstraints();
            constraints.setHgrow(c == 0 ? Priority.NEVER : Priority.SOMETIMES);
            figures.getColumnConstraints().add(constraints);
        }
        HBox legend = new HBox(key("fill-metadata", "Metadata"), key("fill-data", "Data"), key("fill-free", "Free"));
        legend.getStyleClass().add("legend");
        getChildren().addAll(headline, bar, legend, statusRow(status), headroom, figures);
        setPadding(new Insets(12));
        bar.widthProperty().addListener((obs, was, now) -> layoutBar());
        model.levelProperty().addListener((obs, was, now) -> show(now));
        show(model.levelProperty().get());
    }

    private void show(FillViewModel.FillLevel level) {
        shown = level;
        figures.getChildren().clear();
        if (level == null) {
            headline.setText("No COW image open");
            status.setText("");
            headroom.setText("");
            layoutBar();
            return;
        }
        headline.setText(level.loads() || "INVALID".equals(level.state())
                ? Formats.percent(level.percentFull()) + " allocated (" + level.state() + ")"
                : "The kernel would not load this store (" + level.state() + ")");
        status.setText(level.dmsetupStatus());
        headroom.setText(level.loads() && !"INVALID".equals(level.state())
                ? "Headroom: " + Formats.grouped(level.headroomChunks()) + " more distinct chunks ("
                        + Formats.bytes(level.headroomBytes()) + ") can be copied before the next one invalidates the snapshot (P) "
                        + "or overflows it (PO)"
                : "Headroom: none (the store is not in use by the kernel)");
        String[] heads = {"", "Sectors", "Chunks", "Bytes"};
        for (int c = 0; c < heads.length; c++) {
            Label head = new Label(heads[c]);
            head.getStyleClass().add("figure-head");
            figures.add(head, c, 0);
        }
        int r = 1;
        for (FillViewModel.FillLevel.Row row : level.rows()) {
            figures.add(new Label(row.what()), 0, r);
            figures.add(number(Formats.grouped(row.sectors())), 1, r);
            figures.add(number(Formats.grouped(row.sectors() / level.chunkSectors())), 2, r);
            figures.add(number(Formats.grouped(row.sectors() * Units.SECTOR_BYTES) + " (" + Units.human(row.sectors() * Units.SECTOR_BYTES) + ")"), 3, r);
            r++;
        }
        layoutBar();
    }

    private void layoutBar() {
        double width = bar.getWidth();
        FillViewModel.FillLevel level = shown;
        if (level == null || level.totalSectors() == 0 || width <= 0) {
            metadataBar.setPrefWidth(0);
            dataBar.setPrefWidth(0);
            freeBar.setPrefWidth(width);
            return;
        }
        double meta = width * level.metadataSectors() / level.totalSectors();
        double data = width * level.dataSectors() / level.totalSectors();
        metadataBar.setPrefWidth(meta == 0 ? 0 : Math.max(2, meta));
        dataBar.setPrefWidth(data == 0 ? 0 : Math.max(2, data));
        freeBar.setPrefWidth(Math.max(0, width - metadataBar.getPrefWidth() - dataBar.getPrefWidth()));
    }

    private static HBox statusRow(Label status) {
        HBox row = new HBox(new Label("dmsetup status"), status);
        row.getStyleClass().add("state-row");
        return row;
    }

    private static Label number(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("figure");
        return label;
    }

    private static Region segment(String style) {
        Region region = new Region();
        region.getStyleClass().addAll("fill-segment", style);
        region.setMinWidth(0);
        return region;
    }

    private static Label key(String style, String text) {
        Region swatch = segment(style);
        swatch.getStyleClass().add("fill-key");
        Label label = new Label(text, swatch);
        label.getStyleClass().add("legend-entry");
        return label;
    }
}
