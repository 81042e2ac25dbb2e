package dev.cowscope.ui.common;

import dev.cowscope.nativeio.LibC;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Worker;

/**
 * Runs jobs as {@link javafx.concurrent.Task}s on named daemon threads; callbacks come back on
 * the FX thread. Call {@link #shutdown()} from {@code Application.stop()}.
 */
public final class FxTaskRunner implements TaskRunner {
    /** Workers run nice: under contention the FX and render threads go first (see {@link LibC#lowerCurrentThreadPriority}). */
    private static final int BACKGROUND_NICENESS = 10;
    private final ExecutorService executor;
    private final ReadOnlyObjectWrapper<Worker<?>> currentWorker = new ReadOnlyObjectWrapper<>();

    /**
     * One worker per core but one, and at least one: the FX thread and the renderer keep a core
     * (with both cores busy parsing and mapping, opening a 64 GiB COW stalled the window by 100 ms
     * on a 2-core machine).
     */
    public FxTaskRunner() {
        this("cowscope-worker", Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
    }

    public FxTaskRunner(String threadName, int threads) {
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(() -> {
                LibC.lowerCurrentThreadPriority(BACKGROUND_NICENESS);
                runnable.run();
            }, threadName + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public <T> Cancellable run(Job<T> job) {
        ProgressTask<T> task = new ProgressTask<>(job);
        task.setOnSucceeded(e -> job.succeeded(task.getValue()));
        task.setOnFailed(e -> {
            Throwable error = task.getException();
            if (error instanceof java.util.concurrent.CancellationException) {
                job.cancelled();
            } else {
                job.failed(error);
            }
        });
        task.setOnCancelled(e -> job.cancelled());
        currentWorker.set(task);
        executor.execute(task);
        return () -> task.cancel(true);
    }

    @Override
    public ReadOnlyObjectProperty<Worker<?>> currentWorkerProperty() {
        return currentWorker.getReadOnlyProperty();
    }

    @Override
    public void shutdown() {
        executor.shutdownNow();
    }
}
