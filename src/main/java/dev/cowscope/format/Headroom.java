package dev.cowscope.format;

/**
 * How many more distinct chunks the kernel can copy into the store before the snapshot overflows
 * (PO) or is invalidated (P), from its allocation rules: {@code persistent_prepare_exception}
 * refuses when {@code cow_sectors < (next_free + 1) × cs}, allocation skips metadata chunks, and
 * the commit that fills an area must zero the next area's metadata chunk, which fails (and
 * invalidates) when that chunk lies past the end of the device.
 */
public final class Headroom {
    private Headroom() {
        throw new AssertionError("no instances");
    }

    /**
     * @param layout the store's geometry
     * @param deviceChunks whole chunks on the device, {@code ⌊sectors / cs⌋}
     * @param nextFree the kernel's {@code next_free} (after {@code skip_metadata})
     * @param currentArea the area receiving commits
     * @param currentCommitted entries already committed in it
     * @return the number of further distinct chunks that fit
     */
    public static long chunksThatFit(AreaLayout layout, long deviceChunks, long nextFree, long currentArea, long currentCommitted) {
        long perArea = layout.exceptionsPerArea();
        long fitted = 0;
        long free = nextFree;
        long area = currentArea;
        long committed = currentCommitted;
        while (true) {
            long available = dataChunksBetween(layout, free, deviceChunks);
            long slots = perArea - committed;
            if (available < slots) {
                return fitted + available;
            }
            fitted += slots;
            free = advance(layout, free, slots);
            // The commit that fills this area zeroes the next one; past the end that write fails.
            if (layout.areaLocation(area + 1) >= deviceChunks) {
                return fitted - 1;
            }
            area++;
            committed = 0;
        }
    }

    /** Non-metadata chunks in {@code [from, to)}. */
    static long dataChunksBetween(AreaLayout layout, long from, long to) {
        if (from >= to) {
            return 0;
        }
        return (to - from) - metadataChunksBelow(layout, to) + metadataChunksBelow(layout, from);
    }

    /** Metadata chunks with index below {@code chunk}. */
    private static long metadataChunksBelow(AreaLayout layout, long chunk) {
        return chunk <= AreaLayout.HEADER_CHUNKS ? 0 : (chunk - AreaLayout.HEADER_CHUNKS - 1) / layout.areaStrideChunks() + 1;
    }

    /** The next_free after {@code allocations} further allocations starting at {@code nextFree}. */
    private static long advance(AreaLayout layout, long nextFree, long allocations) {
        long free = nextFree;
        long left = allocations;
        while (left > 0) {
            long nextMetadata = layout.areaLocation(layout.areaOfChunk(free) + 1);
            long run = Math.min(left, nextMetadata - free);
            free += run;
            left -= run;
            free = layout.skipMetadata(free);
        }
        return free;
    }
}
