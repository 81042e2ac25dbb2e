package dev.cowscope.ui.chunkmap;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.concurrent.Service;
import javafx.concurrent.Task;

/**
 * Rasterises a viewport off the FX thread. {@link #render} restarts the service, cancelling a
 * render in flight; the generation lets the caller drop any result that arrives late.
 */
final class MapRenderService extends Service<RenderedFrame> {
    private static final ExecutorService RASTER_THREAD = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cowscope-raster");
        thread.setDaemon(true);
        return thread;
    });

    private ChunkCells cells;
    private ChunkPalette palette;
    private MapViewport viewport;
    private long generation;

    MapRenderService() {
        setExecutor(RASTER_THREAD);
    }

    /** Starts rendering {@code viewport} of {@code cells} as generation {@code gen}. FX thread. */
    void render(ChunkCells cells, ChunkPalette palette, MapViewport viewport, long gen) {
        this.cells = cells;
        this.palette = palette;
        this.viewport = viewport;
        this.generation = gen;
        restart();
    }

    @Override
    protected Task<RenderedFrame> createTask() {
        ChunkCells c = cells;
        ChunkPalette p = palette;
        MapViewport v = viewport;
        long gen = generation;
        return new Task<>() {
            @Override
            protected RenderedFrame call() {
                return new RenderedFrame(gen, v, ChunkRaster.render(c, p, v, this::isCancelled));
            }
        };
    }
}
