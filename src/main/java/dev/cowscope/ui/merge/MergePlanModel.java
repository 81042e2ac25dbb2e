package dev.cowscope.ui.merge;

import dev.cowscope.merge.MergeException;
import dev.cowscope.merge.MergePlan;
import dev.cowscope.merge.MergeSimulator;
import dev.cowscope.ui.common.Job;
import dev.cowscope.ui.common.TaskRunner;
import dev.cowscope.ui.document.AttachedOrigin;
import dev.cowscope.ui.document.MainViewModel;
import dev.cowscope.ui.document.OpenedImage;
import java.util.OptionalLong;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The merge plan of the open COW over the attached origin, rebuilt in the background whenever
 * either changes, and only while the Merge tab is on screen: a plan of 16 M entries costs seconds
 * and GiBs.
 */
public final class MergePlanModel {
    private final MainViewModel main;
    private final ReadOnlyObjectWrapper<PlannedMerge> planned = new ReadOnlyObjectWrapper<>(this, "planned");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", MergeProse.NOTHING_OPEN);
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown");
    private TaskRunner.Cancellable job = TaskRunner.Cancellable.DONE;
    private boolean stale;

    MergePlanModel(MainViewModel main) {
        this.main = main;
        main.documentProperty().addListener(o -> replan());
        main.originProperty().addListener(o -> replan());
        shown.addListener((obs, was, now) -> {
            if (now && stale) {
                replan();
            }
        });
    }

    /** Whether the Merge tab is on screen. */
    public BooleanProperty shownProperty() {
        return shown;
    }

    /** The plan of the open COW, or null (none open, not mergeable, or still planning). */
    public ReadOnlyObjectProperty<PlannedMerge> plannedProperty() {
        return planned.getReadOnlyProperty();
    }

    public PlannedMerge planned() {
        return planned.get();
    }

    /** Why there is no plan, or the plan's headline. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    void replan() {
        job.cancel();
        planned.set(null);
        OpenedImage doc = main.document();
        if (doc == null) {
            message.set(MergeProse.NOTHING_OPEN);
            return;
        }
        stale = !shown.get();
        if (stale) {
            message.set(MergeProse.plannedWhenShown(doc.displayName()));
            return;
        }
        AttachedOrigin origin = main.originProperty().get();
        long originBytes = origin == null ? -1 : origin.sizeBytes();
        message.set(MergeProse.planning(doc.displayName()));
        job = main.tasks().run(Job.of("Planning the merge", progress -> {
            MergePlan plan = MergePlan.of(doc.image(), originBytes < 0 ? OptionalLong.empty() : OptionalLong.of(originBytes));
            return new PlannedMerge(doc, new MergeSimulator(plan), MergedCells.of(doc.chunkMap().cells(), plan), originBytes);
        }).onSuccess(p -> {
            if (main.document() == doc) {
                message.set(MergeProse.headline(p.plan()));
                planned.set(p);
            }
        }).onFailure(error -> {
            if (main.document() != doc) {
                return;
            }
            if (error instanceof MergeException) {
                message.set("No merge: " + error.getMessage());
            } else {
                message.set("The merge could not be planned.");
                main.dialogs().showError("Cannot plan the merge", error);
            }
        }).onCancelled(() -> { }));
    }
}
