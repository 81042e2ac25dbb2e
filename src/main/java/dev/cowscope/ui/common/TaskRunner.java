package dev.cowscope.ui.common;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.concurrent.Worker;

/**
 * Runs {@link Job}s in the background. {@link FxTaskRunner} in the application,
 * {@link CurrentThreadTaskRunner} in view-model tests.
 */
public interface TaskRunner {
    /** Starts {@code job}; the handle cancels it. */
    <T> Cancellable run(Job<T> job);

    /** The worker of the most recent user-visible job (for the status bar), or null. */
    ReadOnlyObjectProperty<Worker<?>> currentWorkerProperty();

    /** Stops the threads (application exit). */
    void shutdown();

    /** Cancels a running job. */
    @FunctionalInterface
    interface Cancellable {
        Cancellable DONE = () -> { };

        void cancel();
    }
}
