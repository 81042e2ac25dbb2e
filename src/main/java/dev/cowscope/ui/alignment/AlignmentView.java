package dev.cowscope.ui.alignment;

import dev.cowscope.alignment.KernelVersion;
import dev.cowscope.alignment.LineReport;
import dev.cowscope.alignment.Verdict;
import dev.cowscope.ui.common.Widgets;
import dev.cowscope.ui.desktop.RememberedDirectory;
import java.io.File;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Shape;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/**
 * The Alignment tab: input (paste or drop filefrag output or table lines, or a file's live extents),
 * the limits editor, the one-line summary, the device strip, the lines with their verdicts, the
 * predicted kernel lines and the generated table with Copy. Only builds nodes and binds them.
 */
public final class AlignmentView extends SplitPane {
    /** File choosers start where the user last was (remembered across runs). */
    private final RememberedDirectory directories;
    private static final double FIELD_MIN_WIDTH = 72;
    private final AlignmentViewModel model;
    private final TextArea input = new TextArea();
    private final StripCanvas strip = new StripCanvas();
    private final TableView<LineReport> table = new TableView<>();
    private final TextArea kernelLines = new TextArea();
    private final TextArea tableText = new TextArea();

    public AlignmentView(AlignmentViewModel model, RememberedDirectory directories) {
        this.directories = directories;
        this.model = model;
        getStyleClass().add("alignment-view");
        setId("alignment-view");
        setOrientation(Orientation.VERTICAL);
        SplitPane top = new SplitPane(inputPane(), limitsPane());
        top.setDividerPositions(0.6);
        SplitPane.setResizableWithParent(limitsPane, false);
        SplitPane bottom = new SplitPane(kernelPane(), tablePane());
        bottom.setDividerPositions(0.64);
        getItems().addAll(top, resultPane(), bottom);
        setDividerPositions(0.3, 0.78);
    }

    public AlignmentViewModel model() {
        return model;
    }

    public StripCanvas strip() {
        return strip;
    }

    public TableView<LineReport> linesTable() {
        return table;
    }

    public TextArea input() {
        return input;
    }

    // ---- input -----------------------------------------------------------------------------------

    private Node inputPane() {
        Label title = new Label("Input");
        title.getStyleClass().add("section-title");
        title.setMinWidth(Region.USE_PREF_SIZE); // the description beside it gives way first
        Button open = new Button("Open file…");
        open.setId("alignment-open-text");
        open.setTooltip(new Tooltip("Read filefrag output or a table from a file (you can also drop it on the text area)"));
        open.setOnAction(e -> choose("Open filefrag output or a table").ifPresent(f -> model.loadTextFile(f.toPath())));
        Button live = new Button("Live extents…");
        live.setId("alignment-live");
        live.setTooltip(new Tooltip("Read a file's extents now with the FIEMAP ioctl (Linux), like filefrag -v"));
        live.setOnAction(e -> choose("Read the live extents of").ifPresent(f -> model.readLiveExtents(f.toPath())));
        Button clear = new Button("Clear");
        clear.setOnAction(e -> {
            model.useText();
            input.clear();
        });
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        Label kinds = new Label("filefrag -v / -e output, or dm-linear table lines");
        kinds.getStyleClass().add("dim");
        kinds.setMinWidth(0);
        HBox header = new HBox(title, kinds, spring, open, live, clear);
        for (Button b : List.of(open, live, clear)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        header.getStyleClass().add("alignment-header");
        header.disableProperty().bind(model.busyProperty());

        Label liveLabel = new Label();
        liveLabel.setId("alignment-live-source");
        liveLabel.getStyleClass().add("alignment-live");
        liveLabel.textProperty().bind(model.liveSourceProperty());
        Hyperlink useText = new Hyperlink("Use the text");
        useText.setOnAction(e -> model.useText());
        HBox liveRow = new HBox(liveLabel, useText);
        liveRow.setAlignment(Pos.CENTER_LEFT);
        liveRow.visibleProperty().bind(model.liveSourceProperty().isNotEmpty());
        liveRow.managedProperty().bind(liveRow.visibleProperty());

        input.setId("alignment-input");
        input.getStyleClass().add("mono");
        // one line: some platforms drop a prompt's line breaks and ran the examples together
        input.setPromptText("Paste 'filefrag -v FILE' output (one or several files) or table lines such as "
            + "\u201c0 8192 linear /dev/sdb 2048\u201d, or drop a text file here.");
        input.textProperty().bindBidirectional(model.textProperty());
        input.setOnDragOver(this::dragOver);
        input.setOnDragDropped(this::dropped);
        VBox.setVgrow(input, Priority.ALWAYS);

        Label message = new Label();
        message.setId("alignment-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.visibleProperty().bind(model.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        model.messageIsErrorProperty().addListener((obs, was, error) -> styleClass(message, error ? "alignment-error" : "dim"));
        styleClass(message, model.messageIsErrorProperty().get() ? "alignment-error" : "dim");

        VBox box = new VBox(header, liveRow, input, message);
        box.getStyleClass().add("alignment-input-pane");
        return box;
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles() || e.getDragboard().hasString()) {
            e.acceptTransferModes(TransferMode.COPY, TransferMode.LINK);
        }
        e.consume();
    }

    private void dropped(DragEvent e) {
        boolean done = false;
        if (e.getDragboard().hasFiles() && !e.getDragboard().getFiles().isEmpty()) {
            model.loadTextFile(e.getDragboard().getFiles().get(0).toPath());
            done = true;
        } else if (e.getDragboard().hasString()) {
            model.textProperty().set(e.getDragboard().getString());
            done = true;
        }
        e.setDropCompleted(done);
        e.consume(); // not the window's "open a COW image" drop
    }

    private java.util.Optional<File> chooseTarget() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the alignment report as JSON");
        chooser.setInitialFileName("alignment.json");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON", "*.json"));
        return java.util.Optional.ofNullable(directories.showSave(chooser, getScene() == null ? null : getScene().getWindow()));
    }

    private java.util.Optional<File> choose(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        return java.util.Optional.ofNullable(directories.showOpen(chooser, getScene() == null ? null : getScene().getWindow()));
    }

    // ---- limits ----------------------------------------------------------------------------------

    private Node limitsPane;

    private Node limitsPane() {
        if (limitsPane != null) {
            return limitsPane;
        }
        GridPane grid = new GridPane();
        grid.getStyleClass().add("alignment-limits");
        grid.setId("alignment-limits");
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        ColumnConstraints fields2 = new ColumnConstraints();
        fields2.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(new ColumnConstraints(), fields, new ColumnConstraints(), fields2);
        Label title = new Label("Device and limits");
        title.getStyleClass().add("section-title");
        grid.add(title, 0, 0, 4, 1);

        TextField device = Widgets.field("alignment-device", model.deviceProperty(), "/dev/sdb, vdc1 or 8:16", 10);
        Button read = new Button("Read from device…");
        read.setId("alignment-read-limits");
        read.setMinWidth(Region.USE_PREF_SIZE);
        read.setTooltip(new Tooltip("Read the limits from /sys/class/block/<device> on this machine"));
        read.setOnAction(e -> model.readDeviceLimits());
        read.disableProperty().bind(model.busyProperty());
        grid.add(new Label("Device"), 0, 1);
        grid.add(device, 1, 1, 2, 1);
        grid.add(read, 3, 1);
        Label info = new Label();
        info.getStyleClass().add("dim");
        info.textProperty().bind(model.deviceInfoProperty());
        grid.add(info, 1, 2, 3, 1);
        pair(grid, 3, 0, "Logical block", "alignment-lbs", model.lbsProperty(), "bytes (queue/logical_block_size)");
        pair(grid, 3, 2, "Physical block", "alignment-pbs", model.pbsProperty(), "bytes (queue/physical_block_size)");
        pair(grid, 4, 0, "Minimum I/O", "alignment-io-min", model.ioMinProperty(), "bytes (queue/minimum_io_size); empty: the physical block size");
        pair(grid, 4, 2, "Optimal I/O", "alignment-io-opt", model.ioOptProperty(), "bytes (queue/optimal_io_size)");
        pair(grid, 5, 0, "Alignment offset", "alignment-offset", model.alignmentOffsetProperty(), "bytes: the whole disk's alignment_offset");
        pair(grid, 5, 2, "Partition start", "alignment-part-start", model.partStartProperty(), "sectors on its disk (/sys/class/block/<part>/start); 0 for a whole disk");
        pair(grid, 6, 0, "Device size", "alignment-device-size", model.deviceSizeProperty(), "sectors; empty: unknown, the size check is skipped");
        TextField wanted = Widgets.field("alignment-wanted", model.wantedSizeProperty(), "whole file", 10);
        wanted.setTooltip(new Tooltip("Clip the table to this size (e.g. 100M), as libfiemap does for a partition"));
        grid.add(new Label("Wanted size"), 2, 6);
        grid.add(wanted, 3, 6);

        ChoiceBox<KernelVersion> kernel = new ChoiceBox<>();
        kernel.setId("alignment-kernel");
        kernel.getItems().setAll(KernelVersion.values());
        kernel.valueProperty().bindBidirectional(model.kernelProperty());
        kernel.setConverter(new StringConverter<>() {
            @Override
            public String toString(KernelVersion k) {
                return k == null ? "" : k == KernelVersion.NEW ? "new (6.10+)" : k.label();
            }

            @Override
            public KernelVersion fromString(String s) {
                return KernelVersion.parse(s);
            }
        });
        kernel.setTooltip(new Tooltip("Which kernel's messages to predict: v5.3, v6.1, or new kernels"
            + " (rejections as errors, io_opt rounded, offsets masked)"));
        kernel.setMinWidth(Region.USE_PREF_SIZE);
        grid.add(new Label("Kernel"), 0, 7);
        grid.add(kernel, 1, 7, 2, 1);
        limitsPane = grid;
        return grid;
    }

    private static void pair(GridPane grid, int row, int column, String name, String id, StringProperty property,
                             String unit) {
        // the prompt is the unit's first word ("sectors", not "sectors;"); the tooltip has the rest
        TextField field = Widgets.field(id, property, unit.split("[ ;:,]", 2)[0], 10);
        field.setTooltip(new Tooltip(name + ": " + unit + " (512, 4K, 8s are all fine)"));
        field.setPrefColumnCount(6);
        field.setMinWidth(FIELD_MIN_WIDTH); // room for a value like 4096 or the prompt "sectors"
        Label label = new Label(name);
        label.setMinWidth(Region.USE_PREF_SIZE);
        grid.add(label, column, row);
        grid.add(field, column + 1, row);
    }

    // ---- results ---------------------------------------------------------------------------------

    private Node resultPane() {
        Label summary = new Label();
        summary.setId("alignment-summary");
        summary.getStyleClass().add("alignment-summary");
        summary.textProperty().bind(Bindings.createStringBinding(() -> model.summaryProperty().get().isEmpty()
            ? "Nothing checked yet" : model.summaryProperty().get(), model.summaryProperty()));
        HBox icon = new HBox();
        icon.setAlignment(Pos.CENTER);
        model.worstVerdictProperty().addListener((obs, was, v) -> icon.getChildren().setAll(verdictIcon(v, 9)));
        ComboBox<String> sources = new ComboBox<>(model.sourceNames());
        sources.setId("alignment-source");
        sources.setTooltip(new Tooltip("The paste holds several files: pick the one to show"));
        sources.visibleProperty().bind(Bindings.size(model.sourceNames()).greaterThan(1));
        sources.managedProperty().bind(sources.visibleProperty());
        model.selectedSourceProperty().addListener((obs, was, now) -> sources.getSelectionModel().select(now.intValue()));
        model.sourceNames().addListener((ListChangeListener<String>) c ->
            sources.getSelectionModel().select(model.selectedSourceProperty().get()));
        sources.getSelectionModel().selectedIndexProperty().addListener((obs, was, now) -> {
            if (now.intValue() >= 0) {
                model.selectedSourceProperty().set(now.intValue());
            }
        });
        Region summarySpring = new Region();
        HBox.setHgrow(summarySpring, Priority.ALWAYS);
        Button export = new Button("Export JSON…");
        export.setId("alignment-export-json");
        export.setMinWidth(Region.USE_PREF_SIZE);
        export.setTooltip(new Tooltip("Save the report as cowscope align --json prints it"));
        export.disableProperty().bind(model.canExportProperty().not());
        export.setOnAction(e -> chooseTarget().ifPresent(f -> model.exportJson(f.toPath())));
        HBox summaryRow = new HBox(icon, summary, sources, summarySpring, export);
        summaryRow.getStyleClass().add("alignment-summary-row");
        summaryRow.setAlignment(Pos.CENTER_LEFT);
        Label details = new Label();
        details.setId("alignment-details");
        details.getStyleClass().add("dim");
        details.setWrapText(true);
        details.textProperty().bind(model.detailsProperty());
        details.setMinHeight(Region.USE_PREF_SIZE);

        Label stripTitle = new Label();
        stripTitle.getStyleClass().add("section-title");
        stripTitle.setMinWidth(0);
        stripTitle.textProperty().bind(Bindings.createStringBinding(() -> {
            DeviceStrip s = model.stripProperty().get();
            return s.areaCount() == 0 ? "Underlying device" : "Underlying device " + s.device() + " · "
                + s.deviceSectors() + " sectors · grid " + dev.cowscope.format.Units.compact(s.granularityBytes())
                + " when zoomed in";
        }, model.stripProperty()));
        Button zoomIn = small(Widgets.button("+", "Zoom in (or turn the wheel over the strip)", strip::zoomIn));
        Button zoomOut = small(Widgets.button("−", "Zoom out", strip::zoomOut));
        Button fit = small(Widgets.button("Fit", "The whole device", strip::fit));
        for (Button b : List.of(zoomIn, zoomOut, fit)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox stripHeader = new HBox(stripTitle, spring, legend(), zoomOut, zoomIn, fit);
        stripHeader.getStyleClass().add("alignment-header");
        stripHeader.setAlignment(Pos.CENTER_LEFT);
        strip.setId("alignment-strip");
        strip.setLineDescriber(model::describeLine);
        strip.setOnLineClicked(index -> {
            table.getSelectionModel().select(index);
            table.scrollTo(index);
        });
        model.stripProperty().addListener((obs, was, now) -> strip.setStrip(now));
        strip.setStrip(model.stripProperty().get());

        buildTable();
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox box = new VBox(summaryRow, details, stripHeader, strip, table);
        box.getStyleClass().add("alignment-result-pane");
        return box;
    }

    private static Node legend() {
        HBox legend = new HBox();
        legend.getStyleClass().add("legend");
        legend.setId("alignment-legend");
        legend.getChildren().addAll(Widgets.swatch(StripRaster.OK, "ok"), Widgets.swatch(StripRaster.WARN, "warn"),
            Widgets.swatch(StripRaster.REJECT, "reject"), Widgets.swatch(StripRaster.UNMAPPED, "not mapped"));
        // the colours' names are never cut; the strip's title beside them gives way
        legend.getChildren().forEach(n -> ((Region) n).setMinWidth(Region.USE_PREF_SIZE));
        legend.setMinWidth(Region.USE_PREF_SIZE);
        return legend;
    }

    private void buildTable() {
        table.setId("alignment-lines");
        table.getStyleClass().add("alignment-lines");
        table.setItems(model.lines());
        table.setPlaceholder(new Label("No table lines"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        TableColumn<LineReport, Verdict> icon = new TableColumn<>("");
        icon.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().verdict()));
        icon.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Verdict v, boolean empty) {
                super.updateItem(v, empty);
                setGraphic(empty || v == null ? null : verdictIcon(v, 6));
            }
        });
        icon.setPrefWidth(28);
        icon.setMaxWidth(28);
        icon.setMinWidth(28);
        icon.setSortable(false);
        table.getColumns().add(icon);
        table.getColumns().add(narrow(number("#", l -> (long) l.index(), 40), 36, 56));
        table.getColumns().add(narrow(number("Start", l -> l.line().startSector(), 70), 64, 100));
        table.getColumns().add(narrow(number("Length", l -> l.line().lengthSectors(), 70), 68, 100));
        table.getColumns().add(narrow(text("Device", l -> l.line().device(), 80), 80, 140));
        table.getColumns().add(narrow(number("Offset", l -> l.line().offsetSector(), 80), 72, 110));
        TableColumn<LineReport, String> verdict = narrow(text("Verdict", l -> l.verdict().name(), 64), 78, 90);
        verdict.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : v);
                getStyleClass().removeAll("verdict-ok", "verdict-warn", "verdict-reject");
                if (!empty && v != null) {
                    getStyleClass().add("verdict-" + v.toLowerCase(java.util.Locale.ROOT));
                }
            }
        });
        table.getColumns().add(verdict);
        table.getColumns().add(wrapped("Reason", LineReport::reason, 330));
        table.getColumns().add(wrapped("Fix", l -> l.verdict() == Verdict.OK && l.findings().isEmpty() ? "" : l.hint(), 300));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(LineReport l, boolean empty) {
                super.updateItem(l, empty);
                getStyleClass().removeAll("row-warn", "row-reject", "row-unknown");
                if (!empty && l != null && l.verdict() != Verdict.OK) {
                    getStyleClass().add("row-" + l.verdict().name().toLowerCase(java.util.Locale.ROOT));
                }
                setTooltip(empty || l == null ? null : new Tooltip(model.describeLine(l.index())));
            }
        });
        table.getSelectionModel().selectedIndexProperty().addListener((obs, was, now) -> strip.selectLine(now.intValue()));
    }

    /** Numbers stay narrow so the reason and the fix get the width. */
    private static <T> TableColumn<LineReport, T> narrow(TableColumn<LineReport, T> column, double min, double max) {
        column.setMinWidth(min);
        column.setMaxWidth(max);
        return column;
    }

    private static TableColumn<LineReport, Long> number(String title, Function<LineReport, Long> value, double width) {
        TableColumn<LineReport, Long> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setPrefWidth(width);
        column.setStyle("-fx-alignment: CENTER-RIGHT;");
        return column;
    }

    private static TableColumn<LineReport, String> text(String title, Function<LineReport, String> value, double width) {
        TableColumn<LineReport, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private static TableColumn<LineReport, String> wrapped(String title, Function<LineReport, String> value, double width) {
        TableColumn<LineReport, String> column = text(title, value, width);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s);
                setTooltip(empty || s == null || s.isEmpty() ? null : new Tooltip(s));
            }
        });
        return column;
    }

    /** A shape per verdict, so it reads without colour too: circle, diamond (unknown), triangle, square. */
    static Shape verdictIcon(Verdict v, double r) {
        if (v == null) {
            return new Circle(r, Color.TRANSPARENT);
        }
        Shape s = switch (v) {
            case OK -> new Circle(r);
            case UNKNOWN -> new Polygon(0, -r, r, 0, 0, r, -r, 0);
            case WARN -> new Polygon(0, -r * 1.1, r * 1.15, r, -r * 1.15, r);
            case REJECT -> new Rectangle(r * 1.8, r * 1.8);
        };
        int argb = StripRaster.colour(v.ordinal());
        s.setFill(Color.rgb((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF));
        s.getStyleClass().addAll("verdict-icon", "verdict-icon-" + v.name().toLowerCase(java.util.Locale.ROOT));
        return s;
    }

    // ---- kernel lines and table text -------------------------------------------------------------

    private Node kernelPane() {
        // the short title fits beside the table with a COW open; the details of the form go in the tooltip
        Label title = new Label("Predicted kernel messages (dmesg)");
        title.getStyleClass().add("section-title");
        title.setTooltip(new Tooltip("As dmesg prints them, without the timestamp and the dm device's M:m"));
        kernelLines.setId("alignment-kernel-lines");
        kernelLines.getStyleClass().add("mono");
        kernelLines.setEditable(false);
        kernelLines.setPromptText("None: the kernel stays quiet about this table.");
        model.reportProperty().addListener((obs, was, now) -> kernelLines.setPromptText(
                now != null && now.decision() == dev.cowscope.alignment.AlignmentReport.Decision.UNKNOWN
                        ? "None if every line fits its device; the device size is unknown, so that is not known (see above)."
                        : "None: the kernel stays quiet about this table."));
        model.kernelLines().addListener((ListChangeListener<String>) c -> kernelLines.setText(joined(model.kernelLines())));
        VBox.setVgrow(kernelLines, Priority.ALWAYS);
        VBox box = new VBox(title, kernelLines);
        box.getStyleClass().add("alignment-output-pane");
        return box;
    }

    private Node tablePane() {
        Label title = new Label("dm-linear table");
        title.getStyleClass().add("section-title");
        Button copy = new Button("Copy");
        copy.setId("alignment-copy");
        copy.setTooltip(new Tooltip("Copy the table text to the clipboard (for dmsetup create NAME)"));
        copy.disableProperty().bind(model.tableTextProperty().isEmpty());
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.tableTextProperty().get());
            Clipboard.getSystemClipboard().setContent(content);
            model.tableCopied();
        });
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox header = new HBox(title, spring, copy);
        header.getStyleClass().add("alignment-header");
        header.setAlignment(Pos.CENTER_LEFT);
        tableText.setId("alignment-table-text");
        tableText.getStyleClass().add("mono");
        tableText.setEditable(false);
        tableText.textProperty().bind(model.tableTextProperty());
        VBox.setVgrow(tableText, Priority.ALWAYS);
        VBox box = new VBox(header, tableText);
        box.getStyleClass().add("alignment-output-pane");
        return box;
    }

    private static String joined(List<String> lines) {
        return String.join("\n", lines);
    }

    private static void styleClass(Node node, String cls) {
        node.getStyleClass().removeAll("alignment-error", "dim");
        node.getStyleClass().add(cls);
    }

    private static Button small(Button button) {
        button.getStyleClass().add("small-button");
        return button;
    }
}
