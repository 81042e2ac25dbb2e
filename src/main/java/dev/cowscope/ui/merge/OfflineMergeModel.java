package dev.cowscope.ui.merge;

import dev.cowscope.merge.OfflineMerge;
import dev.cowscope.ui.common.Job;
import dev.cowscope.ui.common.TaskRunner;
import dev.cowscope.ui.document.AttachedOrigin;
import dev.cowscope.ui.document.MainViewModel;
import dev.cowscope.ui.document.OpenedImage;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The offline merge of the attached origin and the open COW into a new file, in the background ({@link OfflineMerge}). */
public final class OfflineMergeModel {
    private final MainViewModel main;
    private final ReadOnlyBooleanWrapper merging = new ReadOnlyBooleanWrapper(this, "merging", false);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private final BooleanBinding canMerge;
    private TaskRunner.Cancellable job = TaskRunner.Cancellable.DONE;

    OfflineMergeModel(MainViewModel main, MergePlanModel plan) {
        this.main = main;
        canMerge = Bindings.createBooleanBinding(() -> plan.planned() != null && main.originProperty().get() != null
                && !merging.get() && !main.busyProperty().get(), plan.plannedProperty(), main.originProperty(), merging, main.busyProperty());
        // a new COW or origin makes the last outcome stale
        main.documentProperty().addListener(o -> forgetOutcome());
        main.originProperty().addListener(o -> forgetOutcome());
        forgetOutcome();
    }

    public ReadOnlyBooleanProperty mergingProperty() {
        return merging.getReadOnlyProperty();
    }

    /** The offline merge's outcome, or why it is not available. */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** A plan, an attached origin, and no merge or open running. */
    public BooleanBinding canMergeProperty() {
        return canMerge;
    }

    /** Merges the attached origin and the open COW into {@code target}, a new file (temp, fsync, rename). */
    public void mergeInto(Path target) {
        OpenedImage doc = main.document();
        AttachedOrigin origin = main.originProperty().get();
        if (doc == null || origin == null) {
            main.dialogs().showError("No origin attached", MergeProse.OFFLINE_NO_ORIGIN_DIALOG, null);
            return;
        }
        merging.set(true);
        text.set("Merging into " + target + " …");
        job = main.tasks().run(Job.of("Merging into " + target.getFileName(),
                        progress -> OfflineMerge.toNewFile(origin.path(), doc.path(), target, progress))
                .onSuccess(result -> {
                    merging.set(false);
                    text.set(MergeProse.offlineMerged(result));
                    main.reportStatus("Merged into " + result.target());
                })
                .onFailure(error -> {
                    merging.set(false);
                    text.set("The merge into " + target.getFileName() + " failed; nothing was written there.");
                    main.dialogs().showError("Cannot merge into " + target.getFileName(), error);
                })
                .onCancelled(() -> {
                    merging.set(false);
                    text.set("Merge into " + target.getFileName() + " cancelled; nothing was written there.");
                    main.reportStatus("Merge cancelled");
                }));
    }

    private void forgetOutcome() {
        text.set(main.originProperty().get() == null ? MergeProse.OFFLINE_NEEDS_ORIGIN : "");
    }

    public void cancelMerge() {
        job.cancel();
        job = TaskRunner.Cancellable.DONE;
    }
}
