package dev.cowscope.ui.sizing;

import dev.cowscope.report.ReportJson;
import dev.cowscope.report.SizeJson;
import dev.cowscope.report.SizingCsv;
import dev.cowscope.sizing.ChangedChunks;
import dev.cowscope.sizing.SizingPlan;
import dev.cowscope.sizing.SizingRow;
import dev.cowscope.ui.common.DialogService;
import dev.cowscope.ui.common.FileExport;
import dev.cowscope.ui.common.TaskRunner;
import dev.cowscope.ui.document.MainViewModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.Observable;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Plan tab: what COW to allocate for a change, at every candidate chunk size. Works with no
 * COW open. The plan is the engine's {@link SizingPlan#build} (cheap arithmetic), rebuilt on the
 * FX thread whenever an {@linkplain #inputs() input} or the {@linkplain #measurement() measured
 * change} changes; measuring and exporting run in the background.
 */
public final class PlanViewModel {
    private final DialogService dialogs;
    private final PlanInputs inputs = new PlanInputs();
    private final ChangeMeasurement measurement;
    private final FileExport files;
    private final AndroidEstimate android;
    private final ReadOnlyObjectWrapper<SizingPlan> plan = new ReadOnlyObjectWrapper<>(this, "plan");
    private final ObservableList<SizingRow> rows = FXCollections.observableArrayList();
    private final ObservableList<SizingRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper recommendation = new ReadOnlyStringWrapper(this, "recommendation", "");
    private final ReadOnlyStringWrapper tie = new ReadOnlyStringWrapper(this, "tie", "");
    private final ReadOnlyStringWrapper changeNote = new ReadOnlyStringWrapper(this, "changeNote", "");
    private final BooleanBinding canExport;
    private final BooleanBinding canCompare;

    public PlanViewModel(TaskRunner tasks, DialogService dialogs, Consumer<String> status) {
        this.dialogs = dialogs;
        this.measurement = new ChangeMeasurement(tasks, dialogs, status, this::recompute);
        this.files = new FileExport(tasks, dialogs, status);
        this.android = new AndroidEstimate(tasks, dialogs, status, inputs, measurement);
        for (Observable input : inputs.all()) {
            input.addListener(o -> recompute());
        }
        canExport = plan.isNotNull().and(measurement.measuringProperty().not());
        canCompare = measurement.oldImageProperty().isNotNull().and(measurement.newImageProperty().isNotNull())
                .and(measurement.measuringProperty().not());
        recompute();
    }

    /** With the window's task runner, dialogs and status line. */
    public static PlanViewModel of(MainViewModel main) {
        return new PlanViewModel(main.tasks(), main.dialogs(), main::reportStatus);
    }

    public PlanInputs inputs() {
        return inputs;
    }

    public ChangeMeasurement measurement() {
        return measurement;
    }

    /** The Android Virtual A/B COW for the same change, on demand. */
    public AndroidEstimate android() {
        return android;
    }

    /** The plan for the current inputs; null while they are incomplete or wrong ({@link #problemProperty()}). */
    public ReadOnlyObjectProperty<SizingPlan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    /** The plan's rows, smallest chunk first; empty without a plan. */
    public ObservableList<SizingRow> rows() {
        return rowsView;
    }

    /** Why there is no plan, or a warning about the plan; empty when all is well. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** One line: the recommended chunk size and what to allocate. */
    public ReadOnlyStringProperty recommendationProperty() {
        return recommendation.getReadOnlyProperty();
    }

    /** Why rounding made a larger chunk the recommendation ("ties go to the larger chunk"), or empty. */
    public ReadOnlyStringProperty tieProperty() {
        return tie.getReadOnlyProperty();
    }

    /** What the change is: measured bytes, growth, shrinking, refused chunk sizes. */
    public ReadOnlyStringProperty changeNoteProperty() {
        return changeNote.getReadOnlyProperty();
    }

    public BooleanBinding canExportProperty() {
        return canExport;
    }

    public BooleanBinding canCompareProperty() {
        return canCompare;
    }

    /** Sets the old image (the origin as it is) and compares again when both are set. */
    public void setOldImage(Path path) {
        inputs.modeProperty().set(PlanInputs.Mode.IMAGE_PAIR);
        measurement.setOldImage(path);
    }

    /** Sets the new image (what will be written) and compares again when both are set. */
    public void setNewImage(Path path) {
        inputs.modeProperty().set(PlanInputs.Mode.IMAGE_PAIR);
        measurement.setNewImage(path);
    }

    /** Reads a written-ranges file ({@code offset length} lines, or JSON) in the background. */
    public void setRangesFile(Path path) {
        inputs.modeProperty().set(PlanInputs.Mode.RANGES);
        measurement.setRangesFile(path);
    }

    /** Writes the plan as the {@code size --json} document. */
    public void exportJson(Path target) {
        SizingPlan current = planToExport();
        if (current != null) {
            files.write("the plan as JSON", target, (out, progress) -> ReportJson.write(SizeJson.Plan.of(current), out));
        }
    }

    /** Writes the plan's rows as the {@code size --csv} table. */
    public void exportCsv(Path target) {
        SizingPlan current = planToExport();
        if (current != null) {
            files.writeText("the plan as CSV", target, (out, progress) -> SizingCsv.write(SizeJson.Plan.of(current), out));
        }
    }

    private SizingPlan planToExport() {
        SizingPlan current = plan.get();
        if (current == null) {
            dialogs.showError("Nothing to export", problem.get().isEmpty() ? "There is no plan yet." : problem.get(), null);
        }
        return current;
    }

    private void recompute() {
        List<String> notes = new ArrayList<>();
        SizingPlan next = null;
        String why = "";
        try {
            ChangedChunks changes = changes(notes);
            List<Long> sizes = inputs.selectedChunkSizes();
            Map<Long, String> refused = inputs.refusedChunkSizes();
            sizes.removeAll(refused.keySet());
            if (!refused.isEmpty()) {
                notes.add("Left out, the kernel refuses them with these block sizes (\"" + refused.values().iterator().next()
                        + "\"): " + String.join(", ", refused.keySet().stream().map(SizingPlan::chunkLabel).toList()));
            }
            if (changes == null) {
                why = measurement.measuringProperty().get() ? "Measuring the change…" : PlanWording.missingFiles(
                        inputs.modeProperty().get(), measurement.oldImageProperty().get() != null && measurement.newImageProperty().get() != null,
                        measurement.rangesFileProperty().get() != null);
            } else if (sizes.isEmpty()) {
                why = "Select at least one chunk size the kernel accepts";
            } else {
                next = SizingPlan.build(changes, sizes, inputs.margin(), inputs.roundingUnit(), inputs.rule());
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            why = e instanceof ArithmeticException ? "A size is too large to compute exactly" : PlanWording.capitalised(e.getMessage());
        }
        plan.set(next);
        rows.setAll(next == null ? Collections.emptyList() : next.rows());
        problem.set(why);
        changeNote.set(String.join("\n", notes));
        SizingPlan built = next;
        recommendation.set(built == null ? "" : built.recommended().map(r -> PlanWording.recommendation(built, r)).orElse(""));
        tie.set(built == null ? "" : PlanWording.tie(built));
    }

    /** The change for the current mode, or null while it is not known yet. */
    private ChangedChunks changes(List<String> notes) {
        switch (inputs.modeProperty().get()) {
            case IMAGE_PAIR:
                ChangedChunks pair = measurement.imagePair();
                if (pair != null) {
                    notes.add(PlanWording.measured(pair));
                    pair.shrinkNote().ifPresent(n -> notes.add(PlanWording.capitalised(n)));
                }
                return pair;
            case RANGES:
                ChangedChunks ranges = measurement.ranges();
                if (ranges == null) {
                    return null;
                }
                long origin = inputs.originBytes();
                ChangedChunks withOrigin = new ChangedChunks(ranges.source(), ranges.changedBytes(), origin, origin, ranges.counts());
                notes.add(PlanWording.measured(withOrigin));
                return withOrigin;
            default:
                PlanInputs.changedChunksError(inputs.changedChunksProperty().get()).ifPresent(error -> {
                    throw new IllegalArgumentException(error);
                });
                notes.add(PlanWording.GIVEN_N);
                return ChangedChunks.given(inputs.changedChunks(), inputs.originBytes());
        }
    }
}
