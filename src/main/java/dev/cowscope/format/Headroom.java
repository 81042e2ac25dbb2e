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
        // Closed form of the allocator's walk (O(1), not one step per area: a 16 TiB store of
        // 512-byte chunks has 2^30 areas). Allocations take the data chunks from next_free on;
        // each area fills after E commits, and the fill of the last area whose successor's
        // metadata chunk lies past the end fails, so that area's last chunk is lost.
        long perArea = layout.exceptionsPerArea();
        long available = dataChunksBetween(layout, nextFree, deviceChunks);
        long slots = perArea - currentCommitted;
        if (available < slots) {
            return available;
        }
        long lastArea = lastAreaOnDevice(layout, deviceChunks);
        if (currentArea >= lastArea) {
            return slots - 1;
        }
        long furtherAreas = lastArea - currentArea; // areas whose metadata chunk is on the device
        if ((available - slots) / perArea < furtherAreas) {
            return available; // the data chunks run out before the last area fills
        }
        return slots + furtherAreas * perArea - 1;
    }

    /** The highest area whose metadata chunk lies on a device of {@code deviceChunks} chunks (-1: none). */
    static long lastAreaOnDevice(AreaLayout layout, long deviceChunks) {
        if (deviceChunks <= AreaLayout.HEADER_CHUNKS) {
            return -1;
        }
        return (deviceChunks - 1 - AreaLayout.HEADER_CHUNKS) / layout.areaStrideChunks();
    }

    /** Non-metadata chunks in {@code [from, to)}. */
    static long dataChunksBetween(AreaLayout layout, long from, long to) {
        if (from < 0 || to < 0 || from >= to) {
            return 0; // chunk numbers are unsigned: one past 2^63 is past any device
        }
        return (to - from) - layout.metadataChunksBelow(to) + layout.metadataChunksBelow(from);
    }
}
