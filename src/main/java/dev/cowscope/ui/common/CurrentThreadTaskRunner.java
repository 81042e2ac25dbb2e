package dev.cowscope.ui.common;

import dev.cowscope.format.Progress;
import java.util.concurrent.CancellationException;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Worker;

/** Runs every job at once on the calling thread: deterministic view-model tests. */
public final class CurrentThreadTaskRunner implements TaskRunner {
    private final ReadOnlyObjectWrapper<Worker<?>> none = new ReadOnlyObjectWrapper<>();

    @Override
    public <T> Cancellable run(Job<T> job) {
        T result;
        try {
            result = job.work().call(Progress.NONE);
        } catch (CancellationException e) {
            job.cancelled();
            return Cancellable.DONE;
        } catch (Exception | Error e) {
            job.failed(e);
            return Cancellable.DONE;
        }
        job.succeeded(result);
        return Cancellable.DONE;
    }

    @Override
    public ReadOnlyObjectProperty<Worker<?>> currentWorkerProperty() {
        return none.getReadOnlyProperty();
    }

    @Override
    public void shutdown() {
    }
}
