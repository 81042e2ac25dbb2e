package dev.cowscope.format;

import java.util.ArrayList;
import java.util.List;

/**
 * One exception area as the walk found it: its metadata chunk, how many entries it holds and
 * the data chunks they use.
 *
 * @param firstDataChunk lowest new chunk among its entries, -1 when empty
 * @param lastDataChunk highest new chunk among its entries, -1 when empty
 * @param consecutiveRuns runs of entries consecutive in both old and new chunk (merge steps)
 */
public record AreaSummary(long index, long metadataChunk, long entries, long capacity, long firstDataChunk,
                          long lastDataChunk, long consecutiveRuns, int firstEntry) {

    public double percentFull() {
        return capacity == 0 ? 0 : Math.round(10000.0 * entries / capacity) / 100.0;
    }

    /** The areas the walk read, in order (entries of area a are table entries a·E … a·E + entries − 1). */
    public static List<AreaSummary> of(CowImage image) {
        List<AreaSummary> areas = new ArrayList<>();
        if (image.layout().isEmpty()) {
            return areas;
        }
        AreaLayout layout = image.requireLayout();
        ExceptionTable table = image.exceptions();
        long perArea = layout.exceptionsPerArea();
        for (long a = 0; a < image.areasRead(); a++) {
            long start = a * perArea;
            long end = Math.min(table.size(), start + perArea);
            long first = -1;
            long last = -1;
            long runs = 0;
            for (long i = start; i < end; i++) {
                long chunk = table.newChunk((int) i);
                first = first < 0 || Long.compareUnsigned(chunk, first) < 0 ? chunk : first;
                last = last < 0 || Long.compareUnsigned(chunk, last) > 0 ? chunk : last;
                if (i == start || !table.continuesRun((int) i)) {
                    runs++;
                }
            }
            areas.add(new AreaSummary(a, layout.areaLocation(a), Math.max(0, end - start), perArea, first, last, runs,
                    (int) Math.min(start, Integer.MAX_VALUE)));
        }
        return areas;
    }
}
