package dev.cowscope.monitor;

import dev.cowscope.format.AreaLayout;
import dev.cowscope.format.SnapshotStatus;
import dev.cowscope.format.Units;
import dev.cowscope.sizing.CowCapacity;
import dev.cowscope.sizing.CowSizeCalculator;

/**
 * How many more new chunks a working snapshot takes before the next one loses it, by the kernel's
 * rule rather than a straight line to 100 %: a persistent store allocates {@code next_free =
 * allocated / cs}, skips a metadata chunk every E data chunks, and a new chunk fits only while
 * {@code total >= (next_free + 1) · cs} and, when it fills an area, the next area's chunk fits too
 * ({@link CowSizeCalculator#capacity}); so {@code allocated} may equal {@code total} while the snapshot
 * is still valid. A transient store ({@code metadata} 0) fits a chunk while {@code allocated + cs <= total}.
 *
 * @param dataChunks data chunks allocated
 * @param remainingChunks new chunks that still fit; the next one after these loses the snapshot
 * @param consistent false when the kernel could not have printed these numbers at this chunk size
 */
public record StoreRoom(long dataChunks, long remainingChunks, boolean consistent) {
    private static final long FRESH_STORE_CHUNKS = 2;

    /** The room left in an active store of chunk size {@code cs} sectors. */
    public static StoreRoom of(SnapshotStatus s, long cs) {
        long allocated = s.sectorsAllocated();
        long total = s.totalSectors();
        if (!s.isActive() || AreaLayout.refusal(cs) != null || allocated < 0 || total < 0 || s.metadataSectors() < 0) {
            return new StoreRoom(0, 0, false);
        }
        if (s.metadataSectors() == 0) { // transient: no header, no areas
            long room = allocated <= total ? (total - allocated) / cs : 0;
            return new StoreRoom(allocated / cs, room, allocated % cs == 0 && allocated <= total);
        }
        long nextFree = allocated / cs;
        if (allocated % cs != 0 || nextFree < FRESH_STORE_CHUNKS || s.metadataSectors() > allocated
                || total > Long.MAX_VALUE / Units.SECTOR_BYTES) {
            return new StoreRoom(0, 0, false);
        }
        long data = dataChunks(nextFree, cs);
        CowCapacity capacity = new CowSizeCalculator(cs).capacity(total * Units.SECTOR_BYTES);
        boolean consistent = allocated <= total && s.metadataSectors() % cs == 0;
        return new StoreRoom(data, Math.max(0, capacity.maxChangedChunks() - data), consistent);
    }

    /** Data chunks behind {@code next_free}: the inverse of {@code 2 + n + ⌊n/E⌋}. */
    static long dataChunks(long nextFree, long cs) {
        long x = nextFree - FRESH_STORE_CHUNKS;
        return x - x / new AreaLayout(cs).areaStrideChunks();
    }
}
