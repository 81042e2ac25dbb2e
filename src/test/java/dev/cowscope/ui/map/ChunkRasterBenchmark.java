package dev.cowscope.ui.map;

import dev.cowscope.format.AreaLayout;
import java.util.Arrays;
import java.util.Locale;

/**
 * Frame time of {@link ChunkRaster} for a 16 M-chunk COW map fitted to 1600×1000 (goal ≤ 16 ms),
 * plus a zoomed-in frame. Not a test (surefire skips *Benchmark*). Run:
 * {@code mvn -q test-compile exec:java} is not configured; use
 * {@code java -cp target/classes:target/test-classes dev.cowscope.ui.chunkmap.ChunkRasterBenchmark}.
 */
public final class ChunkRasterBenchmark {
    private ChunkRasterBenchmark() {
    }

    public static void main(String[] args) {
        int chunks = 16 << 20;
        AreaLayout layout = new AreaLayout(8);
        byte[] roles = new byte[chunks];
        Arrays.fill(roles, (byte) CowChunkRole.FREE.ordinal());
        roles[0] = (byte) CowChunkRole.HEADER.ordinal();
        long used = chunks * 6L / 10;
        for (long c = 1; c < chunks; c++) {
            if (layout.isMetadataChunk(c)) {
                roles[(int) c] = (byte) CowChunkRole.METADATA.ordinal();
            } else if (c < used) {
                roles[(int) c] = (byte) CowChunkRole.DATA.ordinal();
            }
        }
        for (int c = 1000; c < chunks; c += 997_331) {
            roles[c] = (byte) CowChunkRole.SUSPECT.ordinal();
        }
        ChunkCells cells = new ByteRoleCells(roles, CowChunkRole.values().length);
        ChunkPalette palette = CowChunkRole.palette();
        MapViewport fit = MapViewport.fit(chunks, 1600, 1000);
        MapViewport zoomed = new MapViewport(chunks, 1600, 1000, 8, 1, 123_456);
        report("fit (" + fit.chunksPerCell() + " chunks/pixel)", cells, palette, fit);
        report("zoomed (8 px cells)", cells, palette, zoomed);
    }

    private static void report(String what, ChunkCells cells, ChunkPalette palette, MapViewport v) {
        long sink = 0;
        for (int i = 0; i < 30; i++) {
            sink += ChunkRaster.render(cells, palette, v)[i];
        }
        int runs = 50;
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            int[] argb = ChunkRaster.render(cells, palette, v);
            nanos[i] = System.nanoTime() - t0;
            sink += argb[argb.length / 2];
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "16M chunks, 1600x1000, %s: median %.2f ms, best %.2f ms, worst %.2f ms (cores %d, sink %d)%n",
                what, nanos[runs / 2] / 1e6, nanos[0] / 1e6, nanos[runs - 1] / 1e6,
                Runtime.getRuntime().availableProcessors(), sink & 1);
    }
}
