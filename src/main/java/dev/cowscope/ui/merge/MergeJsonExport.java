package dev.cowscope.ui.merge;

import dev.cowscope.merge.MergeEstimate;
import dev.cowscope.report.MergePlanReport;
import dev.cowscope.report.ReportJson;
import dev.cowscope.ui.common.FileExport;
import dev.cowscope.ui.document.MainViewModel;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;

/**
 * Export JSON: the bytes {@code cowscope merge plan --json} prints for the open COW, the attached
 * origin ({@code --origin}) and the throughput and latency typed in, written in the background
 * through {@link AtomicOutput} (temp file, fsync, rename; never over a device node).
 */
public final class MergeJsonExport {
    private final MainViewModel main;
    private final MergePlanModel plan;
    private final MergeEstimateModel estimate;
    private final BooleanBinding canExport;

    MergeJsonExport(MainViewModel main, MergePlanModel plan, MergeEstimateModel estimate) {
        this.main = main;
        this.plan = plan;
        this.estimate = estimate;
        canExport = Bindings.createBooleanBinding(() -> plan.planned() != null && estimate.estimate() != null && !main.busyProperty().get(),
                plan.plannedProperty(), estimate.estimateProperty(), main.busyProperty());
    }

    /** A plan, valid estimate inputs, and nothing else running. */
    public BooleanBinding canExportProperty() {
        return canExport;
    }

    /** Writes the {@code merge plan --json} report to {@code target}. */
    public void exportJson(Path target) {
        PlannedMerge p = plan.planned();
        MergeEstimate e = estimate.estimate();
        if (p == null || e == null) {
            main.dialogs().showError("Nothing to export", p == null ? "There is no merge plan yet." : estimate.errorProperty().get(), null);
            return;
        }
        new FileExport(main.tasks(), main.dialogs(), main::reportStatus).write("the merge plan", target,
                (out, progress) -> ReportJson.write(MergePlanReport.of(p.simulator(), e, false), out));
    }
}
