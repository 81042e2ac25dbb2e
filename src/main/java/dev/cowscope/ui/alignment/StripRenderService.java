package dev.cowscope.ui.alignment;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.concurrent.Service;
import javafx.concurrent.Task;

/**
 * Rasterises the strip off the FX thread; {@link #render} restarts the service (cancelling a render
 * in flight) and the generation lets the caller drop late results.
 */
final class StripRenderService extends Service<StripRenderService.Frame> {
    private static final ExecutorService RASTER_THREAD = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cowscope-strip-raster");
        thread.setDaemon(true);
        return thread;
    });

    /** Pixels of one render. */
    record Frame(long generation, StripViewport viewport, int[] argb) {
    }

    private DeviceStrip strip;
    private StripViewport viewport;
    private long generation;

    StripRenderService() {
        setExecutor(RASTER_THREAD);
    }

    /** FX thread. */
    void render(DeviceStrip s, StripViewport v, long gen) {
        this.strip = s;
        this.viewport = v;
        this.generation = gen;
        restart();
    }

    @Override
    protected Task<Frame> createTask() {
        DeviceStrip s = strip;
        StripViewport v = viewport;
        long gen = generation;
        return new Task<>() {
            @Override
            protected Frame call() {
                return new Frame(gen, v, StripRaster.render(s, v, this::isCancelled));
            }
        };
    }
}
