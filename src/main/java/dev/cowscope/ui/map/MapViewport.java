package dev.cowscope.ui.map;

/**
 * Which part of a chunk space a map shows, as pure arithmetic. The map is a grid of cells laid
 * out row by row; a cell is {@code cellPx} pixels square and covers {@code chunksPerCell}
 * chunks (one of the two is always 1). Navigation scrolls whole rows.
 *
 * @param chunkCount chunks in the space
 * @param widthPx viewport width in pixels
 * @param heightPx viewport height in pixels
 * @param cellPx cell edge in pixels (zoomed in)
 * @param chunksPerCell chunks summarised by one cell (zoomed out)
 * @param firstRow the cell row at the top of the viewport
 */
public record MapViewport(long chunkCount, int widthPx, int heightPx, int cellPx, long chunksPerCell, long firstRow) {
    public static final int MAX_CELL_PX = 32;

    public MapViewport {
        if (chunkCount < 0 || widthPx < 1 || heightPx < 1 || cellPx < 1 || chunksPerCell < 1 || firstRow < 0) {
            throw new IllegalArgumentException("bad viewport " + chunkCount + " " + widthPx + "x" + heightPx
                    + " cell " + cellPx + "px/" + chunksPerCell + " row " + firstRow);
        }
        if (cellPx > 1 && chunksPerCell > 1) {
            throw new IllegalArgumentException("a cell is either larger than a pixel or covers several chunks");
        }
    }

    /** The viewport that shows the whole space, with the largest cells that still fit. */
    public static MapViewport fit(long chunkCount, int widthPx, int heightPx) {
        int w = Math.max(1, widthPx);
        int h = Math.max(1, heightPx);
        // every size, not only powers of two: halving left up to three quarters of the area empty
        for (int cell = MAX_CELL_PX; cell > 1; cell--) {
            long cells = (long) (w / cell) * (h / cell);
            if (cells >= chunkCount) {
                return new MapViewport(chunkCount, w, h, cell, 1, 0);
            }
        }
        long pixels = (long) w * h;
        long perCell = Math.max(1, (chunkCount + pixels - 1) / pixels);
        // rows are whole: make sure the last row fits too
        while (rowsFor(chunkCount, w, perCell) > h) {
            perCell++;
        }
        return new MapViewport(chunkCount, w, h, 1, perCell, 0);
    }

    private static long rowsFor(long chunkCount, int columns, long perCell) {
        long perRow = columns * perCell;
        return (chunkCount + perRow - 1) / perRow;
    }

    public int columns() {
        return Math.max(1, widthPx / cellPx);
    }

    public long chunksPerRow() {
        return columns() * chunksPerCell;
    }

    public long totalRows() {
        return (chunkCount + chunksPerRow() - 1) / chunksPerRow();
    }

    /** Rows that are at least partly on screen. */
    public int visibleRows() {
        return (heightPx + cellPx - 1) / cellPx;
    }

    public long maxFirstRow() {
        return Math.max(0, totalRows() - heightPx / cellPx);
    }

    public long firstVisibleChunk() {
        return Math.min(chunkCount, firstRow * chunksPerRow());
    }

    /** One past the last chunk on screen. */
    public long endVisibleChunk() {
        return Math.min(chunkCount, (firstRow + visibleRows()) * chunksPerRow());
    }

    /** The first chunk of the cell under pixel {@code (x, y)}, or -1 where there is none. */
    public long chunkAt(double x, double y) {
        if (x < 0 || y < 0 || x >= widthPx || y >= heightPx) {
            return -1;
        }
        int column = (int) x / cellPx;
        if (column >= columns()) {
            return -1;
        }
        long row = firstRow + (long) y / cellPx;
        long chunk = row * chunksPerRow() + column * chunksPerCell;
        return chunk < chunkCount ? chunk : -1;
    }

    /** The cell row holding {@code chunk}. */
    public long rowOf(long chunk) {
        return chunk / chunksPerRow();
    }

    /** The cell column holding {@code chunk}. */
    public int columnOf(long chunk) {
        return (int) ((chunk % chunksPerRow()) / chunksPerCell);
    }

    public MapViewport withFirstRow(long row) {
        MapViewport v = new MapViewport(chunkCount, widthPx, heightPx, cellPx, chunksPerCell, 0);
        return new MapViewport(chunkCount, widthPx, heightPx, cellPx, chunksPerCell, Math.max(0, Math.min(row, v.maxFirstRow())));
    }

    /** Same scale and top chunk, new size. */
    public MapViewport withSize(int width, int height) {
        long top = firstVisibleChunk();
        MapViewport v = new MapViewport(chunkCount, Math.max(1, width), Math.max(1, height), cellPx, chunksPerCell, 0);
        return v.withFirstRow(v.rowOf(top));
    }

    /** Shows {@code chunk} in the row it is in, scrolling only when it is off screen. */
    public MapViewport reveal(long chunk) {
        long row = rowOf(chunk);
        if (row >= firstRow && row < firstRow + heightPx / cellPx) {
            return this;
        }
        return withFirstRow(row - (heightPx / cellPx) / 2);
    }

    /** Twice as close, keeping {@code anchorChunk} on the same screen row if it can. */
    public MapViewport zoomIn(long anchorChunk) {
        if (chunksPerCell > 1) {
            return rescale(cellPx, Math.max(1, chunksPerCell / 2), anchorChunk);
        }
        return rescale(Math.min(MAX_CELL_PX, cellPx * 2), 1, anchorChunk);
    }

    /** Twice as far, but never further than {@link #fit}. */
    public MapViewport zoomOut(long anchorChunk) {
        MapViewport fit = fit(chunkCount, widthPx, heightPx);
        if (cellPx > 1) {
            int cell = cellPx / 2;
            return cell < fit.cellPx ? fit : rescale(cell, 1, anchorChunk);
        }
        return rescale(1, Math.min(fit.chunksPerCell, chunksPerCell * 2), anchorChunk);
    }

    private MapViewport rescale(int cell, long perCell, long anchorChunk) {
        long anchor = anchorChunk < 0 ? firstVisibleChunk() : anchorChunk;
        long screenRow = rowOf(anchor) - firstRow;
        MapViewport v = new MapViewport(chunkCount, widthPx, heightPx, cell, perCell, 0);
        long scaledScreenRow = screenRow * cellPx / cell;
        return v.withFirstRow(v.rowOf(anchor) - scaledScreenRow);
    }
}
