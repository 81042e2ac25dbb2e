package dev.cowscope.sizing;

import dev.cowscope.format.Units;

/**
 * The smallest COW that holds {@code changedChunks} distinct chunks without overflow or
 * invalidation, split the way dm-snap-persistent.c lays it out: the header chunk, one metadata
 * chunk per area in use plus the next area the kernel zeroes when an area fills
 * ({@code persistent_commit_exception}), and the data chunks.
 *
 * @param chunkSizeSectors chunk size in sectors (accepted by the kernel)
 * @param changedChunks distinct chunks written, through the snapshot or the origin
 * @param headerChunks always 1 ({@code NUM_SNAPSHOT_HDR_CHUNKS})
 * @param metadataChunks {@code 1 + ⌊n/E⌋}
 * @param dataChunks {@code n}
 * @param threadFormulaChunks {@code 1 + 1 + modified + modified/exceptions_per_chunk}, computed
 *     the way Android's {@code DmSnapCowSizeCalculator::cow_size_chunks} does, for comparison
 */
public record CowSize(long chunkSizeSectors, long changedChunks, long headerChunks, long metadataChunks,
                      long dataChunks, long threadFormulaChunks) {

    /** {@code 2 + n + ⌊n/E⌋}: equal to the kernel's {@code next_free} after n allocations. */
    public long totalChunks() {
        return Math.addExact(Math.addExact(headerChunks, metadataChunks), dataChunks);
    }

    public long chunkSizeBytes() {
        return chunkSizeSectors * Units.SECTOR_BYTES;
    }

    public long totalSectors() {
        return Math.multiplyExact(totalChunks(), chunkSizeSectors);
    }

    public long totalBytes() {
        return Math.multiplyExact(totalChunks(), chunkSizeBytes());
    }

    public long headerBytes() {
        return Math.multiplyExact(headerChunks, chunkSizeBytes());
    }

    public long metadataBytes() {
        return Math.multiplyExact(metadataChunks, chunkSizeBytes());
    }

    public long dataBytes() {
        return Math.multiplyExact(dataChunks, chunkSizeBytes());
    }

    public long threadFormulaSectors() {
        return Math.multiplyExact(threadFormulaChunks, chunkSizeSectors);
    }

    /** {@code metadata_sectors} of {@code dmsetup status} at this fill: header plus metadata chunks. */
    public long statusMetadataSectors() {
        return Math.multiplyExact(Math.addExact(headerChunks, metadataChunks), chunkSizeSectors);
    }

    /** The size to allocate: {@link #totalBytes()} rounded up to {@code unit}. */
    public long allocationBytes(RoundingUnit unit) {
        return unit.roundUp(totalBytes());
    }
}
