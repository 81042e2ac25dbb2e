package dev.cowscope.sizing;

import dev.cowscope.format.Units;

/**
 * How many distinct chunks of one size a change touches.
 *
 * @param chunkSizeSectors chunk size in sectors
 * @param changedChunks distinct chunks with at least one changed byte
 */
public record ChunkCount(long chunkSizeSectors, long changedChunks) {
    public long chunkSizeBytes() {
        return chunkSizeSectors * Units.SECTOR_BYTES;
    }
}
