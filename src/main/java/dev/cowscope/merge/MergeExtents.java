package dev.cowscope.merge;

import dev.cowscope.format.ExceptionTable;
import java.io.IOException;
import java.util.List;

/**
 * The byte ranges a merged origin written to a new file must contain: the origin's data regions
 * and every remapped chunk (which may lie in a hole), coalesced and in order. Streamed, not
 * collected: a table of 16 M scattered chunks would otherwise be 16 M ranges in memory.
 */
final class MergeExtents {
    interface Consumer {
        void accept(long start, long end) throws IOException;
    }

    private MergeExtents() {
        throw new AssertionError("no instances");
    }

    /**
     * @param regions the origin's data regions, {start, end} in ascending order
     * @param sizeBytes the origin's size: ranges end there (the last chunk may be short)
     */
    static void forEach(List<long[]> regions, ExceptionTable table, long chunkBytes, long sizeBytes, Consumer out) throws IOException {
        int[] sorted = table.sortedByOld();
        long originChunks = (sizeBytes + chunkBytes - 1) / chunkBytes;
        int region = 0;
        int entry = 0;
        long start = -1;
        long end = -1;
        while (region < regions.size() || entry < sorted.length) {
            long chunk = entry < sorted.length ? table.oldChunk(sorted[entry]) : -1;
            if (entry < sorted.length && Long.compareUnsigned(chunk, originChunks) >= 0) {
                entry = sorted.length; // sorted unsigned: every later chunk lies past the origin too
                continue;
            }
            long from;
            long to;
            if (region < regions.size() && (entry == sorted.length || regions.get(region)[0] <= chunk * chunkBytes)) {
                from = regions.get(region)[0];
                to = regions.get(region)[1];
                region++;
            } else {
                from = chunk * chunkBytes;
                to = Math.min(sizeBytes, from + chunkBytes);
                entry++;
            }
            if (start >= 0 && from <= end) {
                end = Math.max(end, to);
            } else {
                if (start >= 0) {
                    out.accept(start, end);
                }
                start = from;
                end = to;
            }
        }
        if (start >= 0) {
            out.accept(start, end);
        }
    }
}
