package dev.cowscope.ui.map;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * Turns the visible part of a chunk space into ARGB pixels, off the FX thread: pure, so it is
 * tested pixel by pixel. Cost depends on the viewport and zoom, not on the size of the space.
 * Cells of 4 px and more keep a 1 px gutter on their right and bottom edges so single chunks
 * stay distinguishable.
 */
public final class ChunkRaster {
    /** Cell rows rendered per parallel slice. */
    private static final int ROWS_PER_SLICE = 8;

    private ChunkRaster() {
        throw new AssertionError("no instances");
    }

    public static int[] render(ChunkCells cells, ChunkPalette palette, MapViewport viewport) {
        return render(cells, palette, viewport, () -> false);
    }

    /**
     * @param cancelled checked between rows; when it answers true the render stops with
     *     {@link CancellationException}
     */
    public static int[] render(ChunkCells cells, ChunkPalette palette, MapViewport viewport, BooleanSupplier cancelled) {
        int width = viewport.widthPx();
        int height = viewport.heightPx();
        int[] argb = new int[width * height];
        int rows = viewport.visibleRows();
        int slices = (rows + ROWS_PER_SLICE - 1) / ROWS_PER_SLICE;
        IntStream range = IntStream.range(0, slices);
        if ((long) width * height * Math.max(1, viewport.chunksPerCell()) > 200_000) {
            range = range.parallel();
        }
        range.forEach(slice -> {
            if (cancelled.getAsBoolean()) {
                return;
            }
            int[] counts = new int[palette.roleCount()];
            int[] rowColours = new int[viewport.columns()];
            int end = Math.min(rows, (slice + 1) * ROWS_PER_SLICE);
            for (int screenRow = slice * ROWS_PER_SLICE; screenRow < end; screenRow++) {
                renderRow(cells, palette, viewport, screenRow, counts, rowColours, argb);
            }
        });
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("render superseded");
        }
        return argb;
    }

    private static void renderRow(ChunkCells cells, ChunkPalette palette, MapViewport v, int screenRow, int[] counts,
                                  int[] rowColours, int[] argb) {
        int width = v.widthPx();
        int cellPx = v.cellPx();
        int columns = v.columns();
        long perCell = v.chunksPerCell();
        long rowFirst = (v.firstRow() + screenRow) * v.chunksPerRow();
        long count = cells.chunkCount();
        int filled = 0;
        for (int c = 0; c < columns; c++) {
            long from = rowFirst + c * perCell;
            if (from >= count) {
                break;
            }
            if (perCell == 1) {
                rowColours[c] = palette.colour(cells.roleAt(from));
            } else {
                long to = Math.min(count, from + perCell);
                int uniform = cells.countRoles(from, to, counts);
                if (uniform >= 0) {
                    rowColours[c] = palette.colour(uniform);
                    counts[uniform] = 0; // counts stay all zero between cells: no fill for most of them
                } else {
                    rowColours[c] = palette.mix(counts, (int) (to - from));
                    java.util.Arrays.fill(counts, 0);
                }
            }
            filled = c + 1;
        }
        boolean gutter = cellPx >= 4;
        int yStart = screenRow * cellPx;
        int yEnd = Math.min(v.heightPx(), yStart + cellPx);
        for (int y = yStart; y < yEnd; y++) {
            int line = y * width;
            if (gutter && y == yStart + cellPx - 1) {
                java.util.Arrays.fill(argb, line, line + width, palette.background());
                continue;
            }
            int x = 0;
            if (cellPx == 1) { // a fitted map: one pixel per cell
                System.arraycopy(rowColours, 0, argb, line, filled);
                x = filled;
            }
            for (int c = x; c < filled; c++) {
                int colour = rowColours[c];
                int cellEnd = x + cellPx;
                int paintEnd = gutter ? cellEnd - 1 : cellEnd;
                for (; x < paintEnd; x++) {
                    argb[line + x] = colour;
                }
                for (; x < cellEnd; x++) {
                    argb[line + x] = palette.background();
                }
            }
            java.util.Arrays.fill(argb, line + x, line + width, palette.background());
        }
    }
}
