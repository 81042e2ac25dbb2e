package dev.cowscope.ui.sizing;

import dev.cowscope.format.Units;
import dev.cowscope.sizing.CowSize;
import dev.cowscope.sizing.SizingPlan;
import dev.cowscope.sizing.SizingRow;
import dev.cowscope.ui.common.Formats;
import dev.cowscope.ui.common.Widgets;
import dev.cowscope.ui.desktop.RememberedDirectory;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.controlsfx.validation.Severity;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;

/**
 * The Plan tab: inputs on the left (validated with ControlsFX), on the right the recommendation,
 * a stacked chart of COW size by chunk size, the table of rows with the thread's formula beside
 * ours, and JSON/CSV export. Usable with no COW open.
 */
public final class PlanView extends SplitPane {
    /** File choosers start where the user last was (remembered across runs). */
    private final RememberedDirectory directories;
    /** The tab's id in the main window. */
    public static final String TAB_ID = "plan";
    private static final PseudoClass RECOMMENDED = PseudoClass.getPseudoClass("recommended");
    private static final String STYLESHEET = "/dev/cowscope/ui/sizing/plan.css";

    private final PlanViewModel model;
    private final AndroidEstimateView android;
    private final ValidationSupport validation = new ValidationSupport();
    private final TableView<SizingRow> table = new TableView<>();
    private final CategoryAxis chunkAxis = new CategoryAxis();
    /** The chart's axis reaches at most this many times the recommended allocation. */
    static final long CHART_MAX_SPREAD = 12;
    /** A cell's padding and a little air around its text. */
    private static final double CELL_PADDING = 10;
    /** The table's borders. */
    private static final double TABLE_CHROME = 4;
    /** ... once the tallest bar is more than this many times it (below, the recommended bar is still plain to see). */
    static final long CHART_CLIP_SPREAD = 20;
    static final String ANDROID_FORMULA_TIP = "Android's formula (libsnapshot's cow_size_chunks, 2019), in chunks: 1 header + 1 metadata "
            + "+ n data + n/E metadata chunks, E entries per metadata chunk. It was posted to dm-devel "
            + "(lkml.org/lkml/2019/10/29/660) and confirmed there; \"=\" when it agrees with the exact count.";
    private final NumberAxis sizeAxis = new NumberAxis();
    private final StackedBarChart<String, Number> chart = new StackedBarChart<>(chunkAxis, sizeAxis);

    public PlanView(PlanViewModel model, RememberedDirectory directories) {
        this.directories = directories;
        this.model = model;
        this.android = new AndroidEstimateView(model.android());
        getStyleClass().add("plan-view");
        setId("plan");
        getStylesheets().add(PlanView.class.getResource(STYLESHEET).toExternalForm());
        ScrollPane inputs = new ScrollPane(inputs());
        inputs.setFitToWidth(true);
        inputs.getStyleClass().add("plan-inputs-scroll");
        SplitPane.setResizableWithParent(inputs, false);
        getItems().addAll(inputs, results());
        setDividerPositions(0.25);
        inputs.setMinWidth(260);
        model.rows().addListener((javafx.collections.ListChangeListener<SizingRow>) c -> showChart());
        model.problemProperty().addListener((obs, was, now) -> validation.revalidate());
        model.inputs().modeProperty().addListener((obs, was, now) -> validation.revalidate());
        showChart();
    }

    public PlanViewModel model() {
        return model;
    }

    public TableView<SizingRow> table() {
        return table;
    }

    public StackedBarChart<String, Number> chart() {
        return chart;
    }

    public ValidationSupport validation() {
        return validation;
    }

    // ---- inputs

    private VBox inputs() {
        ToggleGroup modes = new ToggleGroup();
        RadioButton byCount = modeButton(modes, PlanInputs.Mode.CHANGED_CHUNKS, "plan-mode-count");
        RadioButton byImages = modeButton(modes, PlanInputs.Mode.IMAGE_PAIR, "plan-mode-images");
        RadioButton byRanges = modeButton(modes, PlanInputs.Mode.RANGES, "plan-mode-ranges");
        modes.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now != null) {
                model.inputs().modeProperty().set((PlanInputs.Mode) now.getUserData());
            }
        });
        model.inputs().modeProperty().addListener((obs, was, now) -> selectMode(modes, now));
        selectMode(modes, model.inputs().modeProperty().get());

        TextField count = field("plan-changed-chunks", "e.g. 1000", model.inputs().changedChunksProperty(),
                "Distinct chunks written through the snapshot or the origin, counted the same at every chunk size");
        count.disableProperty().bind(model.inputs().modeProperty().isNotEqualTo(PlanInputs.Mode.CHANGED_CHUNKS));
        validation.registerValidator(count, false, (Control c, String text) -> model.inputs().modeProperty().get() != PlanInputs.Mode.CHANGED_CHUNKS
                ? new ValidationResult() : result(c, PlanInputs.changedChunksError(text)));
        TextField origin = field("plan-origin-size", "unknown, e.g. 8G", model.inputs().originSizeProperty(),
                "The origin's size: needed for a margin in % and caps a plan at the origin's chunk count (images: the old image's size)");
        origin.disableProperty().bind(model.inputs().modeProperty().isEqualTo(PlanInputs.Mode.IMAGE_PAIR));
        validation.registerValidator(origin, false, (Control c, String text) -> result(c, PlanInputs.optionalSizeError(text)));

        Button pickOld = new Button("Old image…");
        pickOld.setId("plan-pick-old");
        pickOld.setTooltip(new Tooltip("The origin as it is now: file, block device or .gz (read only)"));
        pickOld.setMinWidth(Region.USE_PREF_SIZE);
        pickOld.setOnAction(e -> chooseFile("Old image (the origin now)", model::setOldImage));
        Button pickNew = new Button("New image…");
        pickNew.setId("plan-pick-new");
        pickNew.setTooltip(new Tooltip("What will be written over the snapshot: file, block device or .gz (read only)"));
        pickNew.setMinWidth(Region.USE_PREF_SIZE);
        pickNew.setOnAction(e -> chooseFile("New image", model::setNewImage));
        Button compare = new Button("Compare");
        compare.setId("plan-compare");
        compare.setTooltip(new Tooltip("Compare the two images again (progress and Cancel in the status bar)"));
        compare.setMinWidth(Region.USE_PREF_SIZE);
        compare.setOnAction(e -> model.measurement().compareImages());
        compare.disableProperty().bind(model.canCompareProperty().not());
        Button pickRanges = new Button("Ranges file…");
        pickRanges.setId("plan-pick-ranges");
        pickRanges.setTooltip(new Tooltip("Written ranges: lines 'offset length' (sizes like 4K, # comments), or a JSON array of {offset, length}"));
        pickRanges.setMinWidth(Region.USE_PREF_SIZE);
        pickRanges.setOnAction(e -> chooseFile("Written ranges", model::setRangesFile));

        GridPane change = grid();
        int r = 0;
        change.add(byCount, 0, r++, 2, 1);
        change.add(label("N", count), 0, r);
        change.add(count, 1, r++);
        change.add(byImages, 0, r++, 2, 1);
        change.add(pickOld, 0, r);
        change.add(pathLabel("plan-old-image", model.measurement().oldImageProperty()), 1, r++);
        change.add(pickNew, 0, r);
        change.add(pathLabel("plan-new-image", model.measurement().newImageProperty()), 1, r++);
        change.add(compare, 0, r++);
        change.add(byRanges, 0, r++, 2, 1);
        change.add(pickRanges, 0, r);
        change.add(pathLabel("plan-ranges-file", model.measurement().rangesFileProperty()), 1, r++);
        change.add(label("Origin size", origin), 0, r);
        change.add(origin, 1, r++);

        FlowPane sizes = new FlowPane();
        sizes.getStyleClass().add("plan-chunk-sizes");
        sizes.setId("plan-chunk-sizes");
        for (long sectors : PlanInputs.CANDIDATE_CHUNK_SIZES_SECTORS) {
            CheckBox box = new CheckBox(SizingPlan.chunkLabel(sectors));
            box.setId("plan-chunk-" + sectors);
            box.selectedProperty().bindBidirectional(model.inputs().chunkSizeSelectedProperty(sectors));
            sizes.getChildren().add(box);
        }

        TextField margin = field("plan-margin", "none, 64M or 5%", model.inputs().marginProperty(),
                "Headroom for writes while the snapshot is live: bytes (64M) or % of the origin (5%); turned into whole extra chunks");
        validation.registerValidator(margin, false, (Control c, String text) -> {
            Optional<String> error = PlanInputs.marginError(text);
            if (error.isEmpty() && model.problemProperty().get().contains("origin size")) {
                error = Optional.of("A margin in % needs the origin size");
            }
            return result(c, error);
        });
        ComboBox<PlanInputs.Rounding> rounding = new ComboBox<>(FXCollections.observableArrayList(PlanInputs.Rounding.values()));
        rounding.setId("plan-rounding");
        rounding.valueProperty().bindBidirectional(model.inputs().roundingProperty());
        rounding.setTooltip(new Tooltip("The allocation is rounded up to this unit (lvcreate rounds to the VG's extent, 4 MiB by default)"));
        TextField custom = field("plan-rounding-custom", "e.g. 1M", model.inputs().customRoundingProperty(), "A custom rounding unit, a multiple of 512 bytes");
        custom.disableProperty().bind(model.inputs().roundingProperty().isNotEqualTo(PlanInputs.Rounding.CUSTOM));
        validation.registerValidator(custom, false, (Control c, String text) -> model.inputs().roundingProperty().get() != PlanInputs.Rounding.CUSTOM
                ? new ValidationResult() : result(c, PlanInputs.roundingError(text)));
        model.inputs().roundingProperty().addListener((obs, was, now) -> validation.revalidate());

        ComboBox<Long> cowBlock = blockSizes("plan-cow-block", model.inputs().cowBlockBytesProperty(), "Logical block size of the COW device");
        ComboBox<Long> originBlock = blockSizes("plan-origin-block", model.inputs().originBlockBytesProperty(), "Logical block size of the origin device");
        Validator<Long> refusedSizes = (c, value) -> ValidationResult.fromMessageIf(c,
                "The kernel refuses some selected chunk sizes with these block sizes; they are left out", Severity.WARNING,
                !model.inputs().refusedChunkSizes().isEmpty());
        validation.registerValidator(cowBlock, false, refusedSizes);
        validation.registerValidator(originBlock, false, refusedSizes);

        GridPane more = grid();
        r = 0;
        more.add(label("Margin", margin), 0, r);
        more.add(margin, 1, r++);
        Label marginOf = new Label("a size, or a % of the origin");
        marginOf.setId("plan-margin-of");
        marginOf.getStyleClass().add("dim");
        more.add(marginOf, 1, r++);
        more.add(label("Round up to", rounding), 0, r);
        more.add(rounding, 1, r++);
        more.add(label("Custom unit", custom), 0, r);
        more.add(custom, 1, r++);
        more.add(label("COW block", cowBlock), 0, r);
        more.add(cowBlock, 1, r++);
        more.add(label("Origin block", originBlock), 0, r);
        more.add(originBlock, 1, r++);

        VBox box = new VBox(Widgets.section("Change"), change, Widgets.section("Chunk sizes"), sizes, Widgets.section("Headroom, rounding, devices"), more,
                Widgets.section("Android Virtual A/B COW"), android.inputs());
        box.getStyleClass().add("plan-inputs");
        box.setPadding(new Insets(8, 12, 12, 12));
        return box;
    }

    // ---- results

    private VBox results() {
        Label recommendation = Widgets.message("plan-recommendation", "plan-recommendation", model.recommendationProperty(), false);
        Label problem = Widgets.message("plan-problem", "plan-problem", model.problemProperty(), true);
        Label tie = Widgets.message("plan-tie", "plan-tie", model.tieProperty(), true);
        Label note = Widgets.message("plan-note", "plan-note", model.changeNoteProperty(), true);
        note.getStyleClass().add("dim");

        chart.setId("plan-chart");
        chart.getStyleClass().add("plan-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        chart.setCategoryGap(14);
        chunkAxis.setLabel("Chunk size");
        chart.setMinHeight(240); // room for the legend, which explains the grey rounding
        chart.setPrefHeight(260);

        table.setId("plan-table");
        table.getStyleClass().add("plan-table");
        table.setItems(model.rows());
        table.widthProperty().addListener(o -> choosePolicy());
        table.setPlaceholder(new Label("No plan: see the message above"));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(SizingRow row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(RECOMMENDED, !empty && row != null && row.recommended());
            }
        });
        table.getColumns().addAll(List.of(
                column("Chunk", 56, "Chunk size; ★ the recommended one (smallest allocation, ties to the larger chunk)",
                        r -> SizingPlan.chunkLabel(r.chunkSizeSectors()) + (r.recommended() ? " ★" : "")),
                column("Changed", 82, "Distinct changed chunks", r -> Formats.grouped(r.changedChunks())),
                column("+ Margin", 78, "Extra chunks for the margin, a size or a % of the origin (^ capped at the origin's chunk count)",
                        r -> Formats.grouped(r.plannedChunks() - r.changedChunks()) + (r.cappedAtOrigin() ? " ^" : "")),
                column("Data", 72, "Data chunks (changed + margin)", r -> Units.human(r.cowSize().dataBytes())),
                column("Metadata", 80, "Header chunk + metadata chunks (one per area in use + the next, zeroed when one fills)",
                        r -> Units.human(r.cowSize().headerBytes() + r.cowSize().metadataBytes())),
                column("Total\nCOW", 72, "The exact smallest COW, in bytes and 512-byte sectors",
                        r -> Units.human(r.cowSize().totalBytes())),
                column("Overhead", 76, "Header and metadata as a share of the COW", r -> Formats.percent(r.metadataOverheadPercent())),
                column("Write\nampl.", 60, "COW bytes for the change alone ÷ bytes of the changed sectors",
                        r -> r.writeAmplification().isPresent() ? String.format(Locale.ROOT, "%.2f×", r.writeAmplification().getAsDouble()) : "—"),
                column("Exact\n2+n+⌊n/E⌋", 88, "Total chunks, exact: the kernel's next_free after n allocations "
                        + "(header, n data chunks, one metadata chunk per E entries and the next one, zeroed when one fills)",
                        r -> Formats.grouped(r.cowSize().totalChunks())),
                column("Android's\n1+1+n+n/E", 92, ANDROID_FORMULA_TIP,
                        r -> Formats.grouped(r.cowSize().threadFormulaChunks())
                                + (r.cowSize().threadFormulaChunks() == r.cowSize().totalChunks() ? " =" : " ≠")),
                column("Allocate", 140, "Total rounded up to the unit: what to give lvcreate -s -L / the COW file",
                        r -> Units.human(r.allocationBytes()) + " · " + Formats.grouped(r.allocationBytes() / Units.SECTOR_BYTES) + " s")));
        table.getColumns().get(0).getStyleClass().add("first-column");
        VBox.setVgrow(table, Priority.ALWAYS);

        Button json = new Button("Export JSON…");
        json.setId("plan-export-json");
        json.setTooltip(new Tooltip("Save the plan as the size --json document"));
        json.setOnAction(e -> chooseTarget("cow-plan.json", "JSON", "*.json", model::exportJson));
        json.disableProperty().bind(model.canExportProperty().not());
        json.setMinWidth(Region.USE_PREF_SIZE);
        Button csv = new Button("Export CSV…");
        csv.setId("plan-export-csv");
        csv.setTooltip(new Tooltip("Save the rows as the size --csv table"));
        csv.setOnAction(e -> chooseTarget("cow-plan.csv", "CSV", "*.csv", model::exportCsv));
        csv.disableProperty().bind(model.canExportProperty().not());
        csv.setMinWidth(Region.USE_PREF_SIZE);
        Label measuring = new Label("Measuring the change… (progress and Cancel in the status bar)");
        measuring.getStyleClass().add("dim");
        measuring.visibleProperty().bind(model.measurement().measuringProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(measuring, spacer, json, csv);
        actions.getStyleClass().add("plan-actions");
        actions.setAlignment(Pos.CENTER_LEFT);

        VBox box = new VBox(recommendation, tie, problem, note, chart, table, actions, android.results());
        box.getStyleClass().add("plan-results");
        box.setPadding(new Insets(8, 12, 8, 12));
        return box;
    }

    private void showChart() {
        List<SizingRow> rows = List.copyOf(model.rows());
        long max = rows.stream().mapToLong(SizingRow::allocationBytes).max().orElse(0);
        long recommended = rows.stream().filter(SizingRow::recommended).mapToLong(SizingRow::allocationBytes).findFirst().orElse(max);
        // a linear axis up to the largest bar leaves the recommended one a line (a typed N at 1M chunks
        // is 256 times the 4K COW): the axis stops at a few times it and the taller bars are cut, marked ↑
        long limit = recommended > 0 && max > CHART_CLIP_SPREAD * recommended ? CHART_MAX_SPREAD * recommended : max;
        long unit = unitFor(limit);
        sizeAxis.setLabel("COW size (" + (unit == 1 ? "bytes" : Units.human(unit).replace("1.00 ", "")) + ")");
        if (limit < max) {
            double tick = niceTick((double) limit / unit / 5);
            sizeAxis.setAutoRanging(false);
            sizeAxis.setLowerBound(0);
            sizeAxis.setTickUnit(tick);
            sizeAxis.setUpperBound(Math.ceil((double) limit / unit / tick) * tick);
        } else {
            sizeAxis.setAutoRanging(true);
        }
        List<String> categories = new ArrayList<>();
        XYChart.Series<String, Number> data = new XYChart.Series<>();
        data.setName("Data (changed)");
        XYChart.Series<String, Number> margin = new XYChart.Series<>();
        margin.setName("Data (margin)");
        XYChart.Series<String, Number> metadata = new XYChart.Series<>();
        metadata.setName("Header + metadata");
        XYChart.Series<String, Number> rounding = new XYChart.Series<>();
        rounding.setName("Rounding up");
        for (SizingRow r : rows) {
            CowSize s = r.cowSize();
            String category = SizingPlan.chunkLabel(r.chunkSizeSectors()) + (r.recommended() ? " ★" : "")
                    + (r.allocationBytes() > limit ? " ↑" : "");
            categories.add(category);
            long changedBytes = r.changedChunks() * s.chunkSizeBytes();
            data.getData().add(new XYChart.Data<>(category, (double) Math.min(changedBytes, s.dataBytes()) / unit));
            margin.getData().add(new XYChart.Data<>(category, (double) Math.max(0, s.dataBytes() - changedBytes) / unit));
            metadata.getData().add(new XYChart.Data<>(category, (double) (s.headerBytes() + s.metadataBytes()) / unit));
            // the bar is what to allocate: the exact COW plus what rounding adds
            rounding.getData().add(new XYChart.Data<>(category, (double) (r.allocationBytes() - s.totalBytes()) / unit));
        }
        chart.getData().clear();
        chunkAxis.getCategories().setAll(categories);
        chart.getData().addAll(List.of(data, margin, metadata, rounding));
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceTick(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(Math.max(rough, 1e-9))));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= rough) {
                return step * power;
            }
        }
        return 10 * power;
    }

    /** The binary unit that keeps the axis below 1024 of it. */
    static long unitFor(long maxBytes) {
        long unit = 1;
        while (unit < (1L << 40) && maxBytes / unit >= 1024) {
            unit <<= 10;
        }
        return unit;
    }

    // ---- helpers

    private static RadioButton modeButton(ToggleGroup group, PlanInputs.Mode mode, String id) {
        RadioButton button = new RadioButton(mode.toString());
        button.setId(id);
        button.setUserData(mode);
        button.setToggleGroup(group);
        button.getStyleClass().add("plan-mode");
        return button;
    }

    private static void selectMode(ToggleGroup group, PlanInputs.Mode mode) {
        group.getToggles().stream().filter(t -> t.getUserData() == mode).findFirst().ifPresent(group::selectToggle);
    }

    private static TextField field(String id, String prompt, javafx.beans.property.StringProperty value, String tip) {
        TextField field = Widgets.field(id, value, prompt, 9);
        field.setTooltip(new Tooltip(tip));
        return field;
    }

    private static ComboBox<Long> blockSizes(String id, javafx.beans.property.ObjectProperty<Long> value, String tip) {
        ComboBox<Long> box = new ComboBox<>(FXCollections.observableArrayList(PlanInputs.LOGICAL_BLOCK_SIZES_BYTES));
        box.setId(id);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(Long bytes) {
                return bytes == null ? "" : bytes + " B";
            }

            @Override
            public Long fromString(String text) {
                return Units.parseBytes(text.replace(" ", ""));
            }
        });
        box.valueProperty().bindBidirectional(value);
        box.setTooltip(new Tooltip(tip + " (blockdev --getss); the chunk size must be a multiple of it"));
        return box;
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("plan-grid");
        return grid;
    }

    /** A field's label, tied to it (mnemonics, screen readers), never cut short. */
    static Label label(String text, Control target) {
        Label label = new Label(text);
        label.setLabelFor(target);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private static Label pathLabel(String id, ReadOnlyObjectProperty<Path> path) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("plan-path");
        label.textProperty().bind(Bindings.createStringBinding(() -> path.get() == null ? "none" : path.get().getFileName().toString(), path));
        label.tooltipProperty().bind(Bindings.createObjectBinding(() -> path.get() == null ? null : new Tooltip(path.get().toString()), path));
        return label;
    }

    /**
     * Columns never narrower than their text: they share the table's width when they fit, else (a COW
     * open, the summary taking ~380 px) they keep their widths and the table scrolls sideways rather
     * than cut headers and numbers ("Chan…", "3.91 …").
     */
    private void choosePolicy() {
        double needed = table.getColumns().stream().mapToDouble(TableColumn::getMinWidth).sum() + TABLE_CHROME;
        var policy = table.getWidth() >= needed ? TableView.CONSTRAINED_RESIZE_POLICY : TableView.UNCONSTRAINED_RESIZE_POLICY;
        if (table.getColumnResizePolicy() != policy) {
            table.setColumnResizePolicy(policy);
        }
    }

    /** The width of the widest text, in the table's bold face (the recommended row's). */
    private static double widest(List<SizingRow> rows, Function<SizingRow, String> text) {
        javafx.scene.text.Text probe = new javafx.scene.text.Text();
        probe.setFont(javafx.scene.text.Font.font(javafx.scene.text.Font.getDefault().getFamily(),
                javafx.scene.text.FontWeight.BOLD, javafx.scene.text.Font.getDefault().getSize()));
        double widest = 0;
        for (SizingRow r : rows) {
            probe.setText(text.apply(r));
            widest = Math.max(widest, probe.getLayoutBounds().getWidth());
        }
        return Math.ceil(widest);
    }

    private static ValidationResult result(Control c, Optional<String> error) {
        return ValidationResult.fromErrorIf(c, error.orElse(""), error.isPresent());
    }

    private TableColumn<SizingRow, String> column(String title, double widthPx, String tip, Function<SizingRow, String> text) {
        TableColumn<SizingRow, String> column = new TableColumn<>();
        column.setPrefWidth(widthPx);
        column.setMinWidth(widthPx);
        // wide values (a million chunks, a terabyte COW) widen their column; the table then scrolls
        model.rows().addListener((javafx.collections.ListChangeListener<SizingRow>) c -> {
            double fitted = Math.max(widthPx, widest(model.rows(), text) + CELL_PADDING);
            column.setMinWidth(fitted);
            column.setPrefWidth(fitted);
            choosePolicy();
        });
        Label header = new Label(title);
        header.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        header.setMinHeight(Region.USE_PREF_SIZE);
        header.setTooltip(new Tooltip(tip));
        column.setGraphic(header);
        column.setSortable(false);
        column.setCellValueFactory(cell -> (ObservableValue<String>) new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        column.getStyleClass().add("number-column");
        return column;
    }

    private void chooseFile(String title, Consumer<Path> action) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        File file = directories.showOpen(chooser, getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            action.accept(file.toPath());
        }
    }

    private void chooseTarget(String suggested, String kind, String pattern, Consumer<Path> action) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the plan as " + kind);
        chooser.setInitialFileName(suggested);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        File file = directories.showSave(chooser, getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            action.accept(file.toPath());
        }
    }
}
