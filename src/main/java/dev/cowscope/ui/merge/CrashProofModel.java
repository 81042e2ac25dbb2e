package dev.cowscope.ui.merge;

import dev.cowscope.merge.CrashPoint;
import dev.cowscope.merge.CrashReplay;
import dev.cowscope.merge.CrashState;
import dev.cowscope.merge.MergeException;
import dev.cowscope.ui.common.Job;
import dev.cowscope.ui.common.TaskRunner;
import dev.cowscope.ui.document.AttachedOrigin;
import dev.cowscope.ui.document.MainViewModel;
import dev.cowscope.ui.document.OpenedImage;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * "Crash here": a power loss during the current step, explained by the engine's simulator and,
 * with an origin attached, proved in the background by {@link CrashReplay}. Any move of the step,
 * the crash point or the plan forgets the crash.
 */
public final class CrashProofModel {
    private final MainViewModel main;
    private final MergePlanModel plan;
    private final MergePlayback playback;
    private final ObjectProperty<CrashPoint> crashPoint = new SimpleObjectProperty<>(this, "crashPoint", CrashPoint.BEFORE_COMMIT);
    private final ReadOnlyObjectWrapper<CrashState> crash = new ReadOnlyObjectWrapper<>(this, "crash");
    private final ReadOnlyStringWrapper crashText = new ReadOnlyStringWrapper(this, "crashText", "");
    private final ReadOnlyObjectWrapper<CrashReplay.Proof> proof = new ReadOnlyObjectWrapper<>(this, "proof");
    private final ReadOnlyStringWrapper proofText = new ReadOnlyStringWrapper(this, "proofText", "");
    private final ReadOnlyBooleanWrapper proving = new ReadOnlyBooleanWrapper(this, "proving", false);
    private final BooleanBinding canCrash;
    private TaskRunner.Cancellable job = TaskRunner.Cancellable.DONE;
    /** The pre-merge view's hash, computed by the first proof of this plan and reused by the next. */
    private String preMergeSha;

    CrashProofModel(MainViewModel main, MergePlanModel plan, MergePlayback playback) {
        this.main = main;
        this.plan = plan;
        this.playback = playback;
        canCrash = Bindings.createBooleanBinding(() -> plan.planned() != null && playback.stepProperty().get() < playback.stepCountProperty().get(),
                plan.plannedProperty(), playback.stepProperty(), playback.stepCountProperty());
        plan.plannedProperty().addListener(o -> {
            clear();
            preMergeSha = null;
        });
        playback.stepProperty().addListener(o -> clear());
        crashPoint.addListener(o -> clear());
    }

    /** Where "Crash here" cuts the current step. */
    public ObjectProperty<CrashPoint> crashPointProperty() {
        return crashPoint;
    }

    public ReadOnlyObjectProperty<CrashState> crashProperty() {
        return crash.getReadOnlyProperty();
    }

    /** What is on disk after the crash, what the next activation does, why the view is unchanged. */
    public ReadOnlyStringProperty crashTextProperty() {
        return crashText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CrashReplay.Proof> proofProperty() {
        return proof.getReadOnlyProperty();
    }

    /** The rebuilt view's sha256 against the pre-merge view's, or what attaching an origin would prove. */
    public ReadOnlyStringProperty proofTextProperty() {
        return proofText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty provingProperty() {
        return proving.getReadOnlyProperty();
    }

    /** A current step exists (the merge is not complete). */
    public BooleanBinding canCrashProperty() {
        return canCrash;
    }

    /** A power loss during the current step: explains the recovery and, with an origin attached, starts the proof. */
    public void crashHere() {
        PlannedMerge p = plan.planned();
        int step = playback.stepProperty().get();
        if (p == null || step >= p.plan().stepCount()) {
            return;
        }
        clear();
        CrashState c = p.simulator().crash(step, crashPoint.get());
        crash.set(c);
        crashText.set(MergeProse.crash(p.plan(), c));
        AttachedOrigin origin = main.originProperty().get();
        if (origin == null) {
            proofText.set(MergeProse.proofNeedsOrigin(c));
            return;
        }
        prove(p, c, origin);
    }

    /** Cancels a running proof. */
    public void cancelProof() {
        job.cancel();
        job = TaskRunner.Cancellable.DONE;
    }

    private void prove(PlannedMerge p, CrashState c, AttachedOrigin origin) {
        OpenedImage doc = p.document();
        String knownSha = preMergeSha;
        proving.set(true);
        proofText.set("Rebuilding the crashed state's snapshot view in the background …");
        job = main.tasks().run(Job.of("Proving the crash at step " + c.step(),
                progress -> CrashReplay.prove(p.plan(), c, origin.source(), doc.source(), doc.options(), knownSha, progress)
        ).onSuccess(result -> {
            proving.set(false);
            if (crash.get() != c) {
                return;
            }
            preMergeSha = result.preMergeSha256();
            proof.set(result);
            proofText.set(MergeProse.proof(result));
        }).onFailure(error -> {
            proving.set(false);
            if (crash.get() != c) {
                return;
            }
            if (error instanceof MergeException) {
                proofText.set("Not rebuilt: " + error.getMessage());
            } else {
                proofText.set("The rebuild failed.");
                main.dialogs().showError("Cannot rebuild the crashed state", error);
            }
        }).onCancelled(() -> {
            proving.set(false);
            if (crash.get() == c) {
                proofText.set("Rebuild cancelled.");
            }
        }));
    }

    private void clear() {
        cancelProof();
        proving.set(false);
        crash.set(null);
        proof.set(null);
        crashText.set("");
        proofText.set("");
    }
}
