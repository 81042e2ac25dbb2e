package dev.cowscope.ui.merge;

import dev.cowscope.format.Rates;
import dev.cowscope.merge.CrashPoint;
import dev.cowscope.merge.MergeWording;
import dev.cowscope.merge.StrategyComparison.Store;
import dev.cowscope.ui.common.Widgets;
import dev.cowscope.ui.desktop.RememberedDirectory;
import dev.cowscope.ui.map.ByteRoleCells;
import dev.cowscope.ui.map.CowChunkRole;
import dev.cowscope.ui.map.MapCanvas;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.concurrent.Worker;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.stage.FileChooser;

/**
 * The Merge tab: the kernel's merge step by step on the chunk map (slider, Play), the step's
 * ranges, counters and status line, the time estimate, "Crash here" with its recovery and proof,
 * the offline merge, and the strategy comparison. Only builds nodes and binds them.
 */
public final class MergeView extends BorderPane {
    /** File choosers start where the user last was (remembered across runs). */
    private final RememberedDirectory directories;
    private final MergeViewModel model;
    private final MapCanvas canvas;
    private final Slider slider = new Slider(0, 0, 0);
    /** Below this the map row no longer grows with the window but the page scrolls. */
    private static final double MAP_ROW_MIN_HEIGHT = 360;
    /** Page padding and the spacing between the rows above the map. */
    private static final double MAP_ROW_SLACK = 44;
    private static final double DETAILS_WIDTH = 380;
    private final Label statusLine = new Label();
    private final HBox playControls = new HBox(6);
    private final HBox mapRow = new HBox(14);
    private final TableView<MergeWording.StrategyRow> strategyTable = new TableView<>();
    private final AnimationTimer player = new AnimationTimer() {
        @Override
        public void handle(long now) {
            model.playback().tick(now);
        }
    };

    public MergeView(MergeViewModel model, RememberedDirectory directories) {
        this.directories = directories;
        this.model = model;
        getStyleClass().add("merge-view");
        setId("merge");
        canvas = new MapCanvas(MergedCells.palette(), model.playback()::describeChunk);
        canvas.setId("merge-map");

        Label headline = new Label();
        headline.setId("merge-plan");
        headline.getStyleClass().add("merge-headline");
        headline.setWrapText(true);
        headline.textProperty().bind(model.plan().messageProperty());
        headline.setMinHeight(Region.USE_PREF_SIZE);

        Label stepSection = section("The kernel's merge, step by step");
        VBox page = new VBox(headline, stepSection, stepper(), section("How long it takes"),
                estimate(), section("Crash here"), crash(), section("Offline merge"), offline(),
                section("Strategy: A or B"), strategy());
        page.getStyleClass().add("merge-page");
        ScrollPane scroll = new ScrollPane(page);
        scroll.setFitToWidth(true);
        scroll.setId("merge-scroll");
        setCenter(scroll);
        // the animated map is the point of the tab: map and step details fill the first screen,
        // the estimate, crash and strategy sections scroll below them
        mapRow.minHeightProperty().bind(Bindings.createDoubleBinding(() -> Math.max(MAP_ROW_MIN_HEIGHT,
                        scroll.getViewportBounds().getHeight() - headline.getHeight() - stepSection.getHeight()
                                - playControls.getHeight() - MAP_ROW_SLACK),
                scroll.viewportBoundsProperty(), headline.heightProperty(), stepSection.heightProperty(), playControls.heightProperty()));
        mapRow.prefHeightProperty().bind(mapRow.minHeightProperty());

        model.playback().cellsProperty().addListener((obs, was, now) -> showCells(was, now));
        showCells(null, model.playback().cellsProperty().get());
        model.playback().playingProperty().addListener((obs, was, now) -> {
            if (now) {
                player.start();
            } else {
                player.stop();
            }
        });
    }

    public MergeViewModel model() {
        return model;
    }

    /** The scrolled page (all sections). */
    public Node page() {
        return ((ScrollPane) getCenter()).getContent();
    }

    public MapCanvas canvas() {
        return canvas;
    }

    public Slider slider() {
        return slider;
    }

    public Label statusLine() {
        return statusLine;
    }

    public TableView<MergeWording.StrategyRow> strategyTable() {
        return strategyTable;
    }

    private void showCells(MergedCells was, MergedCells now) {
        if (now == null) {
            canvas.setCells(new ByteRoleCells(new byte[0], MergedCells.MERGED + 1));
        } else if (was == null) {
            canvas.setCells(now);
        } else {
            canvas.updateCells(now);
        }
    }

    private Node stepper() {
        Button first = Widgets.mapButton("|◀", "Back to the state as loaded", () -> model.playback().setStep(0));
        Button back = Widgets.mapButton("◀", "One step back", model.playback()::stepBack);
        Button forward = Widgets.mapButton("▶", "One step forward", model.playback()::stepForward);
        Button last = Widgets.mapButton("▶|", "The merge complete", () -> model.playback().setStep(model.playback().stepCountProperty().get()));
        Button play = new Button();
        play.setId("merge-play");
        play.textProperty().bind(Bindings.when(model.playback().playingProperty()).then("Pause").otherwise("Play"));
        play.setTooltip(new Tooltip("Animate the merge: data chunks turn violet as their step commits"));
        play.setOnAction(e -> model.playback().togglePlay());
        play.setMinWidth(72);
        slider.setId("merge-slider");
        slider.setBlockIncrement(1);
        slider.setMajorTickUnit(1);
        slider.setMinorTickCount(0);
        slider.setSnapToTicks(true);
        slider.maxProperty().bind(model.playback().stepCountProperty());
        slider.valueProperty().addListener((obs, was, now) -> model.playback().setStep((int) Math.round(now.doubleValue())));
        model.playback().stepProperty().addListener((obs, was, now) -> slider.setValue(now.intValue()));
        HBox.setHgrow(slider, Priority.ALWAYS);
        Label count = new Label();
        count.getStyleClass().add("mono");
        count.textProperty().bind(Bindings.createStringBinding(() -> model.playback().stepProperty().get() + " / " + model.playback().stepCountProperty().get(),
                model.playback().stepProperty(), model.playback().stepCountProperty()));
        HBox controls = playControls;
        controls.getChildren().setAll(first, back, play, forward, last, slider, count);
        controls.setAlignment(Pos.CENTER_LEFT);
        for (Node n : controls.getChildren()) {
            n.disableProperty().bind(model.plan().plannedProperty().isNull());
        }

        GridPane details = new GridPane();
        details.getStyleClass().add("merge-details");
        details.setId("merge-details");
        ColumnConstraints head = new ColumnConstraints();
        head.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints value = new ColumnConstraints();
        value.setHgrow(Priority.ALWAYS);
        details.getColumnConstraints().addAll(head, value);
        Label title = new Label();
        title.setId("merge-step-title");
        title.getStyleClass().add("merge-step-title");
        title.setWrapText(true);
        title.textProperty().bind(field(MergeStepView::title));
        details.add(title, 0, 0, 2, 1);
        statusLine.setId("merge-status");
        statusLine.getStyleClass().add("status-line");
        // the kernel's line is the answer: wrap it in the details column rather than cut it
        statusLine.setWrapText(true);
        statusLine.setMinHeight(Region.USE_PREF_SIZE);
        statusLine.textProperty().bind(field(MergeStepView::statusLine));
        statusLine.setTooltip(new Tooltip("What `dmsetup status` prints once the committed steps are done: "
                + "start length snapshot-merge allocated/total metadata (sectors)"));
        Label during = value("merge-status-during", MergeStepView::statusDuringCopy);
        during.getStyleClass().add("mono");
        int row = 1;
        row = addRow(details, row, "dmsetup status", statusLine);
        row = addRow(details, row, "while it copies", during);
        Label duringHead = (Label) details.getChildren().get(details.getChildren().size() - 2);
        duringHead.visibleProperty().bind(during.textProperty().isNotEmpty());
        duringHead.managedProperty().bind(duringHead.visibleProperty());
        during.visibleProperty().bind(during.textProperty().isNotEmpty());
        during.managedProperty().bind(during.visibleProperty());
        row = addRow(details, row, "origin range", value("merge-origin-range", MergeStepView::originRange));
        row = addRow(details, row, "COW range", value("merge-cow-range", MergeStepView::cowRange));
        row = addRow(details, row, "bytes", value("merge-bytes", MergeStepView::bytes));
        row = addRow(details, row, "area rewritten", value("merge-area", MergeStepView::area));
        row = addRow(details, row, "entries left", value("merge-entries-left", MergeStepView::entriesLeft));
        row = addRow(details, row, "chunks merged", value("merge-chunks-merged", MergeStepView::chunksMerged));
        row = addRow(details, row, "bytes copied", value("merge-bytes-copied", MergeStepView::bytesCopied));
        row = addRow(details, row, "flushes", value("merge-flushes", MergeStepView::flushes));
        addRow(details, row, "time so far", value("merge-elapsed", MergeStepView::elapsed));
        model.playback().stepViewProperty().addListener((obs, was, now) -> canvas.select(now.currentCowChunk()));
        // the tab may be laid out after the plan arrived: show the whole COW once it has its size
        canvas.heightProperty().addListener((obs, was, now) -> {
            if (was.doubleValue() < 1 && now.doubleValue() >= 1) {
                canvas.fit();
            }
        });

        FlowPane legend = new FlowPane();
        legend.getStyleClass().add("legend");
        legend.setId("merge-legend");
        legend.getChildren().addAll(
                Widgets.swatch(Color.web(CowChunkRole.HEADER.web()), "Header"),
                Widgets.swatch(Color.web(CowChunkRole.METADATA.web()), "Metadata"),
                Widgets.swatch(Color.web(CowChunkRole.DATA.web()), "Data to merge"),
                Widgets.swatch(Color.web(MergedCells.mergedWeb()), "Merged"),
                Widgets.swatch(Color.web(CowChunkRole.FREE.web()), "Free"),
                Widgets.swatch(Color.web(CowChunkRole.SUSPECT.web()), "Suspect"));
        canvas.setPrefSize(480, 320);
        canvas.setMinSize(240, 200);
        canvas.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        VBox.setVgrow(canvas, Priority.ALWAYS);
        VBox map = new VBox(4, canvas, legend);
        map.getStyleClass().add("merge-map-box");
        map.setMinWidth(280);
        HBox.setHgrow(map, Priority.ALWAYS);
        // the details keep a readable column; the map takes the rest of the width
        details.setPrefWidth(DETAILS_WIDTH);
        details.setMinWidth(DETAILS_WIDTH);
        details.setMaxWidth(DETAILS_WIDTH);
        mapRow.getChildren().setAll(map, details);
        return new VBox(8, controls, mapRow);
    }

    private Node estimate() {
        MergeEstimateModel m = model.estimate();
        TextField rate = Widgets.field("merge-throughput", m.throughputProperty(), "", 6);
        rate.setPromptText(MergeEstimateModel.DEFAULT_THROUGHPUT);
        rate.setTooltip(new Tooltip("Sustained copy throughput from the COW to the origin, as merge plan --throughput takes it: "
                + Rates.THROUGHPUT_SYNTAX));
        TextField latency = Widgets.field("merge-flush-latency", m.flushLatencyProperty(), "", 5);
        latency.setPromptText(MergeEstimateModel.DEFAULT_FLUSH_LATENCY);
        latency.setTooltip(new Tooltip("Latency of one cache flush or FUA write, as merge plan --flush-latency takes it: "
                + Rates.LATENCY_SYNTAX));
        Label error = new Label();
        error.getStyleClass().add("input-error");
        error.setId("merge-estimate-error");
        error.setWrapText(true);
        error.textProperty().bind(m.errorProperty());
        m.throughputErrorProperty().addListener((obs, was, now) -> markInvalid(rate, !now.isEmpty()));
        m.latencyErrorProperty().addListener((obs, was, now) -> markInvalid(latency, !now.isEmpty()));
        Button json = new Button("Export JSON…");
        json.setId("merge-export-json");
        json.setTooltip(new Tooltip("Save what cowscope merge plan --json prints for this COW, the attached origin (--origin) "
                + "and this throughput and latency"));
        json.disableProperty().bind(model.export().canExportProperty().not());
        json.setOnAction(e -> chooseTarget("Export the merge plan as JSON", "merge-plan.json",
                new FileChooser.ExtensionFilter("JSON", "*.json"), model.export()::exportJson));
        json.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox inputs = new HBox(6, new Label("Throughput"), rate, new Label("per second   Flush latency"), latency, spacer, json);
        inputs.setAlignment(Pos.CENTER_LEFT);
        Label total = new Label();
        total.setId("merge-estimate");
        total.getStyleClass().add("merge-estimate");
        total.setWrapText(true);
        total.textProperty().bind(model.estimate().estimateTextProperty());
        Label why = new Label();
        why.setId("merge-why-slow");
        why.setWrapText(true);
        why.textProperty().bind(model.estimate().whySlowProperty());
        why.setMinHeight(Region.USE_PREF_SIZE);
        error.setMinHeight(Region.USE_PREF_SIZE);
        error.visibleProperty().bind(error.textProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        return new VBox(6, inputs, error, total, why);
    }

    private Node crash() {
        ToggleGroup group = new ToggleGroup();
        RadioButton before = new RadioButton("before the step's commit");
        before.setId("crash-before");
        before.setToggleGroup(group);
        before.setUserData(CrashPoint.BEFORE_COMMIT);
        RadioButton after = new RadioButton("after it");
        after.setId("crash-after");
        after.setToggleGroup(group);
        after.setUserData(CrashPoint.AFTER_COMMIT);
        group.selectToggle(model.crash().crashPointProperty().get() == CrashPoint.AFTER_COMMIT ? after : before);
        group.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now != null) {
                model.crash().crashPointProperty().set((CrashPoint) now.getUserData());
            }
        });
        model.crash().crashPointProperty().addListener((obs, was, now) -> group.selectToggle(now == CrashPoint.AFTER_COMMIT ? after : before));
        Button crashHere = new Button("Crash here");
        crashHere.setId("crash-here");
        crashHere.getStyleClass().add("crash-button");
        crashHere.setTooltip(new Tooltip("Cut the power during the current step and see what the kernel finds at the next activation"));
        crashHere.disableProperty().bind(model.crash().canCrashProperty().not());
        crashHere.setOnAction(e -> model.crash().crashHere());
        ProgressBar progress = progress(model.crash().provingProperty());
        Button cancel = Widgets.button("Cancel", "Stop the rebuild", model.crash()::cancelProof);
        cancel.visibleProperty().bind(model.crash().provingProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        HBox controls = new HBox(8, new Label("Power loss during the current step,"), before, after, crashHere, progress, cancel);
        controls.setAlignment(Pos.CENTER_LEFT);
        Label text = new Label();
        text.setId("crash-text");
        text.setWrapText(true);
        text.textProperty().bind(model.crash().crashTextProperty());
        Label proof = new Label();
        proof.setId("crash-proof");
        proof.getStyleClass().add("crash-proof");
        proof.setWrapText(true);
        proof.textProperty().bind(model.crash().proofTextProperty());
        model.crash().proofProperty().addListener((obs, was, now) -> {
            proof.getStyleClass().removeAll("proof-ok", "proof-bad");
            if (now != null) {
                proof.getStyleClass().add(now.viewUnchanged() ? "proof-ok" : "proof-bad");
            }
        });
        for (Label l : new Label[] {text, proof}) {
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.visibleProperty().bind(l.textProperty().isNotEmpty());
            l.managedProperty().bind(l.visibleProperty());
        }
        return new VBox(8, controls, text, proof);
    }

    private Node offline() {
        Button merge = new Button("Merge into a new file…");
        merge.setId("merge-offline");
        merge.setTooltip(new Tooltip("Write origin + COW merged, as the kernel's merge leaves the origin, to a new file "
                + "(temp file, fsync, rename); origin and COW are only read"));
        merge.disableProperty().bind(model.offline().canMergeProperty().not());
        merge.setOnAction(e -> chooseTarget("Merge into a new file", "origin-merged.img", null, model.offline()::mergeInto));
        ProgressBar progress = progress(model.offline().mergingProperty());
        Button cancel = Widgets.button("Cancel", "Stop the merge; nothing is left behind", model.offline()::cancelMerge);
        cancel.visibleProperty().bind(model.offline().mergingProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        Label text = new Label();
        text.setId("merge-offline-text");
        text.setWrapText(true);
        text.textProperty().bind(model.offline().textProperty());
        HBox row = new HBox(8, merge, progress, cancel);
        row.setAlignment(Pos.CENTER_LEFT);
        Label about = new Label(MergeProse.OFFLINE_ABOUT);
        about.getStyleClass().add("dim");
        about.setWrapText(true);
        about.setMinHeight(Region.USE_PREF_SIZE);
        text.setMinHeight(Region.USE_PREF_SIZE);
        return new VBox(6, about, row, text);
    }

    private Node strategy() {
        StrategyViewModel s = model.strategy();
        TextField changed = Widgets.field("strategy-changed", s.changedChunksProperty(), "", 6);
        TextField trial = Widgets.field("strategy-trial", s.trialWritesProperty(), "", 6);
        TextField overlap = Widgets.field("strategy-overlap", s.overlapProperty(), "", 6);
        TextField cow = Widgets.field("strategy-cow-size", s.cowSizeProperty(), "", 6);
        TextField chunk = Widgets.field("strategy-chunk-size", s.chunkSizeProperty(), "", 6);
        ChoiceBox<Store> store = new ChoiceBox<>();
        store.setId("strategy-store");
        store.getItems().addAll(Store.values());
        store.valueProperty().bindBidirectional(s.storeProperty());
        store.setTooltip(new Tooltip("P: an overflow invalidates the snapshot; PO: a snapshot write that does not fit fails, the snapshot stays valid"));
        Map<StrategyViewModel.Field, TextField> fields = Map.of(StrategyViewModel.Field.CHANGED, changed,
                StrategyViewModel.Field.TRIAL, trial, StrategyViewModel.Field.OVERLAP, overlap,
                StrategyViewModel.Field.COW_SIZE, cow, StrategyViewModel.Field.CHUNK_SIZE, chunk);
        s.errorsProperty().addListener((obs, was, now) -> fields.forEach((field, box) -> {
            markInvalid(box, now.containsKey(field));
            box.setTooltip(now.containsKey(field) ? new Tooltip(now.get(field)) : null);
        }));
        Button fromCow = new Button("From the open COW");
        fromCow.setId("strategy-prefill");
        fromCow.disableProperty().bind(model.main().documentProperty().isNull());
        fromCow.setOnAction(e -> s.prefill(model.main().document()));
        GridPane inputs = new GridPane();
        inputs.getStyleClass().add("strategy-inputs");
        inputs.addRow(0, label("Changed chunks"), changed, label("Trial-boot writes"), trial, label("of which overlap"), overlap);
        inputs.addRow(1, label("COW size"), cow, label("Chunk size"), chunk, label("Store"), store);
        inputs.add(fromCow, 6, 0, 1, 2);
        fromCow.setMinWidth(Region.USE_PREF_SIZE);
        Label about = new Label(MergeProse.STRATEGY_ABOUT);
        about.getStyleClass().add("dim");
        about.setWrapText(true);
        about.setMinHeight(Region.USE_PREF_SIZE);
        Label source = new Label();
        source.getStyleClass().add("dim");
        source.setWrapText(true);
        source.textProperty().bind(s.sourceProperty());
        Label summary = new Label();
        summary.setId("strategy-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(s.summaryProperty());
        s.errorsProperty().addListener((obs, was, now) -> summary.getStyleClass().setAll(now.isEmpty() ? "label" : "input-error"));

        strategyTable.setId("strategy-table");
        strategyTable.getStyleClass().add("strategy-table");
        strategyTable.setItems(s.rows());
        strategyTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        strategyTable.setPlaceholder(new Label("Fix the inputs above to compare"));
        TableColumn<MergeWording.StrategyRow, String> aspect = column("", MergeWording.StrategyRow::aspect, 0.2);
        aspect.getStyleClass().add("aspect-column");
        strategyTable.getColumns().add(aspect);
        strategyTable.getColumns().add(column("A: merge on success", MergeWording.StrategyRow::a, 0.4));
        strategyTable.getColumns().add(column("B: merge back on failure", MergeWording.StrategyRow::b, 0.4));
        strategyTable.setPrefHeight(360);
        strategyTable.setMinHeight(200);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        source.setMinHeight(Region.USE_PREF_SIZE);
        return new VBox(6, about, inputs, source, summary, strategyTable);
    }

    private TableColumn<MergeWording.StrategyRow, String> column(String title, Function<MergeWording.StrategyRow, String> value, double share) {
        TableColumn<MergeWording.StrategyRow, String> column = new TableColumn<>(title);
        column.setSortable(false);
        column.setReorderable(false);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())).getReadOnlyProperty());
        column.prefWidthProperty().bind(strategyTable.widthProperty().multiply(share).subtract(6));
        column.setCellFactory(c -> new TableCell<>() {
            private final Text text = new Text();

            {
                text.wrappingWidthProperty().bind(column.widthProperty().subtract(12));
                text.getStyleClass().add("strategy-text");
                setGraphic(text);
                setPrefHeight(USE_COMPUTED_SIZE);
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                text.setText(empty || item == null ? "" : item);
                getStyleClass().remove("strategy-no");
                if (!empty && "NO".equals(item)) {
                    getStyleClass().add("strategy-no");
                }
            }
        });
        return column;
    }

    /** Asks where to save and hands the file to {@code action}; nothing happens when the user cancels. */
    private void chooseTarget(String title, String initialName, FileChooser.ExtensionFilter filter, Consumer<Path> action) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(initialName);
        if (filter != null) {
            chooser.getExtensionFilters().add(filter);
        }
        File file = directories.showSave(chooser, getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            action.accept(file.toPath());
        }
    }

    /** A progress bar shown while {@code running}, following the task runner's current worker. */
    private ProgressBar progress(javafx.beans.property.ReadOnlyBooleanProperty running) {
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(140);
        bar.visibleProperty().bind(running);
        bar.managedProperty().bind(bar.visibleProperty());
        // the job's worker appears once the runner has it, after the flag is set
        Runnable follow = () -> {
            bar.progressProperty().unbind();
            Worker<?> worker = model.main().tasks().currentWorkerProperty().get();
            if (running.get() && worker != null) {
                bar.progressProperty().bind(worker.progressProperty());
            } else {
                bar.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
            }
        };
        running.addListener((obs, was, now) -> follow.run());
        model.main().tasks().currentWorkerProperty().addListener((obs, was, now) -> follow.run());
        return bar;
    }

    private ObservableValue<String> field(Function<MergeStepView, String> f) {
        return Bindings.createStringBinding(() -> f.apply(model.playback().stepViewProperty().get()), model.playback().stepViewProperty());
    }

    private Label value(String id, Function<MergeStepView, String> f) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.textProperty().bind(field(f));
        return label;
    }

    private static int addRow(GridPane grid, int row, String head, Node value) {
        Label label = new Label(head);
        label.getStyleClass().add("figure-head");
        grid.addRow(row, label, value);
        return row + 1;
    }

    private static Label label(String text) {
        Label label = new Label(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private static Label section(String title) {
        Label label = Widgets.section(title);
        label.getStyleClass().add("merge-section");
        label.setMaxWidth(Double.MAX_VALUE);
        return label;
    }

    private static void markInvalid(TextField field, boolean invalid) {
        field.getStyleClass().remove("invalid");
        if (invalid) {
            field.getStyleClass().add("invalid");
        }
    }

}
