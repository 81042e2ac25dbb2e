package dev.cowscope.ui.android;

import dev.cowscope.android.AndroidCow;
import dev.cowscope.android.AndroidMergePlan;
import dev.cowscope.android.AndroidOpType;
import dev.cowscope.ui.common.Formats;
import dev.cowscope.ui.common.LazyIndexList;
import dev.cowscope.ui.common.Widgets;
import dev.cowscope.ui.map.ByteRoleCells;
import dev.cowscope.ui.map.ChunkPalette;
import dev.cowscope.ui.map.MapCanvas;
import java.util.function.BiFunction;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Merge tab while an Android COW is open: AOSP's merge order step by step. A slider (and Play) moves
 * through the steps; the block map shows what is merged, what is next and what waits; the step table
 * lists the order; the line below says where a crash at this point resumes.
 */
public final class AndroidMergeView extends BorderPane {
    private static final double PLAY_SECONDS = 8;
    private final AndroidMergeViewModel model;
    private final MapCanvas canvas;
    private final Slider slider = new Slider(0, 0, 0);
    private final TableView<Integer> steps = new TableView<>();
    private final Button play = new Button("Play");
    private final AnimationTimer clock;
    private double carry;
    private long last;
    /** True while the view itself moves the table's selection: only the user's choice moves the playback. */
    private boolean following;

    public AndroidMergeView(AndroidMergeViewModel model) {
        this.model = model;
        setId("android-merge");
        canvas = new MapCanvas(new ChunkPalette(MergeCells.ARGB, MergeCells.NEXT), this::describe);
        canvas.setId("android-merge-map");

        Label summary = Widgets.message("android-merge-summary", "merge-summary", model.summaryProperty(), false);
        Label step = Widgets.message("android-merge-step", "dim", model.stepTextProperty(), false);
        CheckBox userspace = new CheckBox("snapuserd's order (USERSPACE_MERGE)");
        userspace.setId("android-merge-userspace");
        userspace.setMnemonicParsing(false); // the name has an underscore
        userspace.selectedProperty().bindBidirectional(model.userspaceProperty());
        userspace.setTooltip(new Tooltip("snapuserd merges with the USERSPACE_MERGE reader: the unordered ops by new block, "
                + "ascending; unticked, the DEFAULT reader's order (descending), as the dm-snapshot-merge path uses"));
        slider.setId("android-merge-slider");
        slider.setBlockIncrement(1);
        slider.setMajorTickUnit(1);
        slider.setSnapToTicks(false);
        HBox.setHgrow(slider, Priority.ALWAYS);
        slider.valueProperty().addListener((obs, was, now) -> {
            if ((int) Math.round(now.doubleValue()) != model.stepProperty().get()) {
                model.setStep((int) Math.round(now.doubleValue()));
            }
        });
        model.stepProperty().addListener((obs, was, now) -> {
            slider.setValue(now.intValue());
            following = true;
            if (now.intValue() < model.steps()) {
                steps.getSelectionModel().clearAndSelect(now.intValue());
                steps.scrollTo(Math.max(0, now.intValue() - 3));
            } else {
                steps.getSelectionModel().clearSelection();
            }
            following = false;
        });
        play.setId("android-merge-play");
        play.setTooltip(new Tooltip("Play the whole merge in about " + (int) PLAY_SECONDS + " seconds"));
        play.setOnAction(e -> togglePlay());
        Button onDisk = Widgets.button("As on disk", "Go to the step the file's num_merge_ops says is next", model::showProgressOnDisk);
        onDisk.setId("android-merge-on-disk");
        HBox controls = new HBox(8, play, slider, onDisk);
        controls.getStyleClass().add("merge-controls");

        FlowPane legend = new FlowPane();
        legend.getStyleClass().add("legend");
        for (int role = 0; role < MergeCells.LABELS.length; role++) {
            legend.getChildren().add(Widgets.swatch(MergeCells.ARGB[role], MergeCells.LABELS[role]));
        }
        VBox top = new VBox(6, summary, new ToolBar(userspace), controls, step, legend);
        top.getStyleClass().add("merge-top");
        top.setPadding(new javafx.geometry.Insets(6, 8, 4, 8));
        setTop(top);

        steps.setId("android-merge-steps");
        steps.getColumns().add(column("Step", 55, (cow, s) -> Integer.toString(s)));
        steps.getColumns().add(column("Op", 55, (cow, s) -> Integer.toString(op(s))));
        steps.getColumns().add(column("Type", 75, (cow, s) -> AndroidOpType.name(cow.ops().type(op(s)))));
        steps.getColumns().add(column("New block", 95, (cow, s) -> Formats.grouped(cow.ops().newBlock(op(s)))));
        steps.getColumns().add(column("Source", 120, (cow, s) -> cow.copySourceBlock(op(s)) >= 0 ? "block " + Formats.grouped(cow.copySourceBlock(op(s)))
                : cow.xorSourceOffset(op(s)) >= 0 ? "byte " + Formats.grouped(cow.xorSourceOffset(op(s))) : ""));
        steps.getColumns().add(column("State", 65, (cow, s) -> s < model.stepProperty().get() ? "merged"
                : s == model.stepProperty().get() ? "next" : ""));
        steps.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        steps.getSelectionModel().selectedIndexProperty().addListener((obs, was, now) -> {
            if (!following && now.intValue() >= 0 && now.intValue() != model.stepProperty().get() && !isPlaying()) {
                model.setStep(now.intValue());
            }
        });
        SplitPane split = new SplitPane(canvas, steps);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.5);
        setCenter(split);

        model.planProperty().addListener((obs, was, plan) -> showPlan(plan));
        model.cellsProperty().addListener((obs, was, cells) -> {
            if (cells == null) {
                canvas.setCells(new ByteRoleCells(new byte[0], MergeCells.LABELS.length));
            } else if (was == null || was.chunkCount() != cells.chunkCount()) {
                canvas.setCells(cells);
            } else {
                canvas.updateCells(cells);
            }
            steps.refresh();
        });
        clock = new AnimationTimer() {
            @Override
            public void handle(long now) {
                tick(now);
            }
        };
        showPlan(model.planProperty().get());
    }

    public AndroidMergeViewModel model() {
        return model;
    }

    public MapCanvas canvas() {
        return canvas;
    }

    public TableView<Integer> stepsTable() {
        return steps;
    }

    private int op(int step) {
        AndroidMergePlan p = model.planProperty().get();
        return p == null ? 0 : p.order()[step];
    }

    private String describe(long first, long blocks) {
        var doc = model.document();
        MergeCells cells = model.cellsProperty().get();
        if (doc == null || cells == null || first < 0) {
            return "";
        }
        if (blocks > 1) {
            int[] counts = new int[MergeCells.LABELS.length];
            cells.countRoles(first, first + blocks, counts);
            StringBuilder text = new StringBuilder("blocks ").append(Formats.grouped(first)).append(" – ").append(Formats.grouped(first + blocks - 1));
            for (int role = 0; role < counts.length; role++) {
                if (counts[role] > 0) {
                    text.append('\n').append(MergeCells.LABELS[role]).append(": ").append(Formats.grouped(counts[role]));
                }
            }
            return text.toString();
        }
        int op = doc.blocks().opAt(first);
        return "block " + Formats.grouped(first) + "\n" + MergeCells.LABELS[cells.roleAt(first)]
                + (op >= 0 ? "\n" + AndroidCowViewModel.describeOp(doc.cow(), op) : "");
    }

    private TableColumn<Integer, String> column(String title, double width, BiFunction<AndroidCow, Integer, String> text) {
        TableColumn<Integer, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(row -> {
            var doc = model.document();
            return new ReadOnlyObjectWrapper<>(doc == null || model.planProperty().get() == null ? "" : text.apply(doc.cow(), row.getValue()));
        });
        return c;
    }

    private void showPlan(AndroidMergePlan plan) {
        pause();
        int n = plan == null ? 0 : plan.order().length;
        slider.setMax(n);
        slider.setDisable(n == 0);
        play.setDisable(n == 0);
        following = true;
        steps.setItems(FXCollections.observableList(new LazyIndexList(0, n)));
        following = false;
    }

    private boolean isPlaying() {
        return "Pause".equals(play.getText());
    }

    private void togglePlay() {
        if (isPlaying()) {
            pause();
            return;
        }
        if (model.stepProperty().get() >= model.steps()) {
            model.setStep(0);
        }
        play.setText("Pause");
        carry = 0;
        last = 0;
        clock.start();
    }

    private void pause() {
        clock.stop();
        play.setText("Play");
    }

    private void tick(long now) {
        if (last != 0) {
            double perSecond = Math.max(2, model.steps() / PLAY_SECONDS);
            carry += perSecond * (now - last) / 1e9;
            int advance = (int) carry;
            carry -= advance;
            if (advance > 0) {
                model.setStep(model.stepProperty().get() + advance);
            }
        }
        last = now;
        if (model.stepProperty().get() >= model.steps()) {
            pause();
        }
    }
}
