package dev.cowscope.ui.sizing;

import dev.cowscope.format.BlockSource;
import dev.cowscope.format.BlockSources;
import dev.cowscope.sizing.ChangedChunks;
import dev.cowscope.input.RangesFile;
import dev.cowscope.ui.common.BackgroundJob;
import dev.cowscope.ui.common.DialogService;
import dev.cowscope.ui.common.Formats;
import dev.cowscope.ui.common.Job;
import dev.cowscope.ui.common.TaskRunner;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The change measured from files, in the background: two images compared, or a written-ranges
 * file read. A new file restarts the measuring (a result of older files is dropped); every change
 * of state is announced through {@code changed} so the plan is rebuilt.
 */
public final class ChangeMeasurement {
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Consumer<String> status;
    private final Runnable changed;
    private final ReadOnlyObjectWrapper<Path> oldImage = new ReadOnlyObjectWrapper<>(this, "oldImage");
    private final ReadOnlyObjectWrapper<Path> newImage = new ReadOnlyObjectWrapper<>(this, "newImage");
    private final ReadOnlyObjectWrapper<Path> rangesFile = new ReadOnlyObjectWrapper<>(this, "rangesFile");
    private final ReadOnlyBooleanWrapper measuring = new ReadOnlyBooleanWrapper(this, "measuring");
    private ChangedChunks imagePair;
    private ChangedChunks ranges;
    private int generation;
    private TaskRunner.Cancellable running = TaskRunner.Cancellable.DONE;

    ChangeMeasurement(TaskRunner tasks, DialogService dialogs, Consumer<String> status, Runnable changed) {
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.status = status;
        this.changed = changed;
    }

    public ReadOnlyObjectProperty<Path> oldImageProperty() {
        return oldImage.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> newImageProperty() {
        return newImage.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> rangesFileProperty() {
        return rangesFile.getReadOnlyProperty();
    }

    /** True while images are compared or a ranges file is read. */
    public ReadOnlyBooleanProperty measuringProperty() {
        return measuring.getReadOnlyProperty();
    }

    /** The two images compared, or null until they are. */
    ChangedChunks imagePair() {
        return imagePair;
    }

    /** The ranges file read (origin size unknown), or null until it is. */
    ChangedChunks ranges() {
        return ranges;
    }

    void setOldImage(Path path) {
        oldImage.set(path);
        compareImages();
    }

    void setNewImage(Path path) {
        newImage.set(path);
        compareImages();
    }

    /** Compares the two images (cancelling a comparison still running); nothing until both are set. */
    public void compareImages() {
        Path before = oldImage.get();
        Path after = newImage.get();
        imagePair = null;
        if (before == null || after == null) {
            changed.run();
            return;
        }
        measure("Comparing " + before.getFileName() + " with " + after.getFileName(), progress -> {
            try (BlockSource a = BlockSources.open(before, progress); BlockSource b = BlockSources.open(after, progress)) {
                return ChangedChunks.fromSnapshotPair(a, b, progress);
            }
        }, result -> {
            imagePair = result;
            status.accept("Compared " + before.getFileName() + " with " + after.getFileName() + ": "
                    + Formats.grouped(result.changedChunks(1)) + " changed sectors");
        });
    }

    void setRangesFile(Path path) {
        rangesFile.set(path);
        ranges = null;
        measure("Reading ranges " + path.getFileName(), progress -> ChangedChunks.fromRanges(RangesFile.read(path), 0), result -> {
            ranges = result;
            status.accept("Read " + path.getFileName() + ": " + Formats.grouped(result.changedBytes()) + " bytes written");
        });
    }

    private void measure(String title, BackgroundJob<ChangedChunks> work, Consumer<ChangedChunks> done) {
        running.cancel();
        int id = ++generation;
        measuring.set(true);
        changed.run();
        running = tasks.run(Job.of(title, work).onSuccess(result -> {
            if (id == generation) {
                measuring.set(false);
                done.accept(result);
                changed.run();
            }
        }).onFailure(error -> {
            if (id == generation) {
                measuring.set(false);
                changed.run();
                status.accept(title + " failed");
                dialogs.showError("Cannot measure the change", error);
            }
        }).onCancelled(() -> {
            if (id == generation) {
                measuring.set(false);
                changed.run();
                status.accept(title + " was cancelled");
            }
        }));
    }
}
