package dev.cowscope.ui.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import javafx.concurrent.Service;
import javafx.concurrent.Task;

/**
 * Rasterises off the FX thread, one render at a time: {@link #render} restarts the service,
 * cancelling a render in flight; callers tag their frames with a generation to drop late results.
 *
 * @param <F> the frame a render produces
 */
public final class RasterService<F> extends Service<F> {
    private static final ExecutorService RASTER_THREAD = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cowscope-raster");
        thread.setDaemon(true);
        return thread;
    });

    private Function<BooleanSupplier, F> job;

    public RasterService() {
        setExecutor(RASTER_THREAD);
    }

    /** Starts {@code job}, which gets the task's "cancelled?" check. FX thread. */
    public void render(Function<BooleanSupplier, F> job) {
        this.job = job;
        restart();
    }

    @Override
    protected Task<F> createTask() {
        Function<BooleanSupplier, F> j = job;
        return new Task<>() {
            @Override
            protected F call() {
                return j.apply(this::isCancelled);
            }
        };
    }
}
