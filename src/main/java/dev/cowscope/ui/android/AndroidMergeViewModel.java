package dev.cowscope.ui.android;

import dev.cowscope.android.AndroidCow;
import dev.cowscope.android.AndroidMergeOrder;
import dev.cowscope.android.AndroidMergePlan;
import dev.cowscope.android.AndroidOpType;
import dev.cowscope.format.BlockSource;
import dev.cowscope.format.BlockSources;
import dev.cowscope.ui.common.Formats;
import dev.cowscope.ui.common.Job;
import dev.cowscope.ui.common.TaskRunner;
import dev.cowscope.ui.document.MainViewModel;
import dev.cowscope.ui.document.OpenedAndroidCow;
import java.util.Arrays;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The Merge tab for an Android COW: AOSP's merge order ({@code PrepMergeOps}, prepared in the background
 * when the tab is shown), stepped through like the dm merge: blocks merged so far, the next one, and
 * where a crash resumes ({@code num_merge_ops}). {@code userspace} picks the USERSPACE_MERGE reader's order
 * (snapuserd's) instead of the DEFAULT one.
 */
public final class AndroidMergeViewModel {
    private final MainViewModel main;
    private final ReadOnlyObjectWrapper<AndroidMergePlan> plan = new ReadOnlyObjectWrapper<>(this, "plan");
    private final ReadOnlyObjectWrapper<MergeCells> cells = new ReadOnlyObjectWrapper<>(this, "cells");
    private final ReadOnlyIntegerWrapper step = new ReadOnlyIntegerWrapper(this, "step", 0);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper stepText = new ReadOnlyStringWrapper(this, "stepText", "");
    private final BooleanProperty userspace = new SimpleBooleanProperty(this, "userspace", true);
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown", false);
    private TaskRunner.Cancellable running = TaskRunner.Cancellable.DONE;
    private OpenedAndroidCow planned;
    private int[] stepOfOp = new int[0];

    public AndroidMergeViewModel(MainViewModel main) {
        this.main = main;
        main.androidDocumentProperty().addListener((obs, was, now) -> refresh());
        userspace.addListener((obs, was, now) -> {
            planned = null;
            refresh();
        });
        shown.addListener((obs, was, now) -> refresh());
    }

    /** True while the tab is on screen: the plan is made only then. */
    public BooleanProperty shownProperty() {
        return shown;
    }

    public BooleanProperty userspaceProperty() {
        return userspace;
    }

    public ReadOnlyObjectProperty<AndroidMergePlan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<MergeCells> cellsProperty() {
        return cells.getReadOnlyProperty();
    }

    /** Steps merged so far in the playback, {@code 0 … steps()}. */
    public ReadOnlyIntegerProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stepTextProperty() {
        return stepText.getReadOnlyProperty();
    }

    public int steps() {
        AndroidMergePlan p = plan.get();
        return p == null ? 0 : p.order().length;
    }

    public OpenedAndroidCow document() {
        return planned;
    }

    /** Moves the playback to {@code done} steps merged (clamped). */
    public void setStep(int done) {
        int clamped = Math.max(0, Math.min(done, steps()));
        step.set(clamped);
        MergeCells c = cells.get();
        if (c != null) {
            cells.set(c.atStep(clamped));
        }
        stepText.set(describeStep(clamped));
    }

    /** Where the merge stands on disk: {@code num_merge_ops} steps merged. */
    public void showProgressOnDisk() {
        AndroidMergePlan p = plan.get();
        if (p != null) {
            setStep(p.firstPendingStep());
        }
    }

    private void refresh() {
        OpenedAndroidCow doc = main.androidDocument();
        if (doc == null) {
            running.cancel();
            planned = null;
            plan.set(null);
            cells.set(null);
            summary.set("");
            stepText.set("");
            return;
        }
        if (!shown.get() || doc == planned) {
            return;
        }
        running.cancel();
        planned = doc;
        boolean flavour = userspace.get();
        if (!flavour) { // the open made the DEFAULT reader's plan already (CowReader::Parse's own): no second read
            show(doc, doc.merge());
            return;
        }
        summary.set("Preparing AOSP's merge order …");
        running = main.tasks().run(Job.of("Preparing the merge of " + doc.displayName(), progress -> {
            try (BlockSource source = BlockSources.open(doc.path(), progress)) {
                return new AndroidMergeOrder().prepare(doc.cow(), source, flavour);
            }
        }).onSuccess(p -> {
            if (main.androidDocument() != doc || userspace.get() != flavour) {
                return;
            }
            show(doc, p);
        }).onFailure(error -> {
            summary.set("Cannot prepare the merge: " + error.getMessage());
            main.dialogs().showError("Cannot prepare the merge of " + doc.displayName(), error);
        }).onCancelled(() -> summary.set("")));
    }

    private void show(OpenedAndroidCow doc, AndroidMergePlan p) {
        int[] firstStep = new int[doc.cow().ops().size()];
        Arrays.fill(firstStep, -1);
        int[] order = p.order();
        for (int s = 0; s < order.length; s++) {
            int op = order[s];
            if (op >= 0 && op < firstStep.length && firstStep[op] < 0) {
                firstStep[op] = s;
            }
        }
        stepOfOp = firstStep;
        plan.set(p);
        summary.set(summaryOf(doc.cow(), p));
        cells.set(new MergeCells(doc.blocks(), stepOfOp, 0));
        showProgressOnDisk();
    }

    static String summaryOf(AndroidCow cow, AndroidMergePlan p) {
        if (!p.readerParseOk()) {
            return "AOSP's reader refuses this file, so snapuserd would not merge it: " + p.error();
        }
        StringBuilder s = new StringBuilder();
        s.append("Order ").append(p.kind().description()).append(".\n");
        s.append(Formats.grouped(p.numTotalDataOps())).append(" steps (num_total_data_ops), the first ")
                .append(Formats.grouped(p.orderedCount())).append(" of them the ordered part. ");
        long merged = p.firstPendingStep();
        s.append(merged == 0 ? "Nothing merged yet (num_merge_ops 0)." : Formats.grouped(merged) + " already merged (num_merge_ops "
                + Long.toUnsignedString(p.numMergeOps()) + "): a resumed merge starts at step " + Formats.grouped(merged) + ".");
        s.append('\n').append(p.verifyOk() ? "VerifyMergeOps: the merge sequence is consistent."
                : "VerifyMergeOps: " + p.verifyError() + (p.verifyFailStep() >= 0 ? " (at step " + p.verifyFailStep() + ")" : ""));
        return s.toString();
    }

    private String describeStep(int done) {
        AndroidMergePlan p = plan.get();
        if (p == null || planned == null) {
            return "";
        }
        int n = p.order().length;
        if (done >= n) {
            return "All " + Formats.grouped(n) + " steps merged: the base partition now reads as the update (num_merge_ops "
                    + n + ").";
        }
        AndroidCow cow = planned.cow();
        int op = p.order()[done];
        String next = "next: step " + Formats.grouped(done) + " of " + Formats.grouped(n) + ", "
                + AndroidCowViewModel.describeOp(cow, op).replace("\n", "; ") + " → block " + Formats.grouped(cow.ops().newBlock(op));
        int type = cow.ops().type(op);
        boolean readsSource = type == AndroidOpType.COPY || type == AndroidOpType.XOR;
        String crash = " A crash here leaves num_merge_ops at " + done + ": snapuserd resumes with this step"
                + (readsSource && done < p.orderedCount() ? " (it reads a source block an earlier step may have overwritten: "
                + "that is why the order is kept)" : "") + ".";
        return Formats.grouped(done) + " merged; " + next + "." + crash;
    }
}
