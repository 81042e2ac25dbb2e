package dev.cowscope.sizing;

import dev.cowscope.format.Units;

/**
 * How many distinct chunks a COW of a given size holds. The kernel counts only whole chunks
 * ({@code persistent_prepare_exception}: {@code -ENOSPC} when {@code cow_sectors < (next_free+1)·cs}),
 * and filling an area needs the next area's metadata chunk to exist so it can be zeroed.
 *
 * @param chunkSizeSectors chunk size in sectors
 * @param cowSizeBytes the COW device size as given
 * @param usableChunks {@code ⌊cow sectors / cs⌋}
 * @param creatable false when the COW is smaller than 2 chunks: the header and area 0 do not fit
 * @param maxChangedChunks the most distinct chunks that fit; 0 when not creatable
 * @param spareChunks whole chunks the allocator can never use at this size (the next area's
 *     metadata chunk would lie past the end, so the area cannot be filled)
 */
public record CowCapacity(long chunkSizeSectors, long cowSizeBytes, long usableChunks, boolean creatable,
                          long maxChangedChunks, long spareChunks) {

    /** Bytes past the last whole chunk: never used by the kernel. */
    public long unusedTailBytes() {
        return cowSizeBytes - usableChunks * chunkSizeSectors * Units.SECTOR_BYTES;
    }
}
