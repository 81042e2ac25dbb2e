package dev.cowscope.sizing;

import dev.cowscope.format.AreaLayout;
import dev.cowscope.format.Units;
import java.util.Optional;

/**
 * The chunk sizes the kernel accepts, checked in the order and with the words of
 * {@code dm_exception_store_set_chunk_size} (dm-exception-store.c): a power of two, a multiple of
 * the logical block size of both the COW and the origin, and at most {@code INT_MAX >> 9} sectors
 * (so 1 sector … 2^21 sectors, 512 B … 1 GiB).
 *
 * @param cowLogicalBlockBytes logical block size of the COW device ({@code bdev_logical_block_size})
 * @param originLogicalBlockBytes logical block size of the origin device
 */
public record ChunkSizeRule(long cowLogicalBlockBytes, long originLogicalBlockBytes) {
    /** Both devices with 512-byte logical blocks: the common case, and the only one an image file has. */
    public static final ChunkSizeRule SECTOR_DEVICES = new ChunkSizeRule(Units.SECTOR_BYTES, Units.SECTOR_BYTES);

    /** The largest chunk size the kernel accepts: 2^21 sectors, 1 GiB. */
    public static final long MAX_CHUNK_SIZE_SECTORS = AreaLayout.MAX_CHUNK_SIZE_SECTORS;

    public static final String NOT_POWER_OF_TWO = "Chunk size is not a power of 2";
    public static final String NOT_BLOCK_MULTIPLE = "Chunk size is not a multiple of device blocksize";
    public static final String TOO_HIGH = "Chunk size is too high";

    public ChunkSizeRule {
        requireBlockSize("COW", cowLogicalBlockBytes);
        requireBlockSize("origin", originLogicalBlockBytes);
    }

    /** Why the kernel would refuse {@code chunkSizeSectors}, in its own words; empty when it accepts it. */
    public Optional<String> refusal(long chunkSizeSectors) {
        // the kernel's order: power of two, then the devices' block sizes, then the upper bound
        if (!Units.isPowerOfTwo(chunkSizeSectors)) {
            return Optional.of(NOT_POWER_OF_TWO);
        }
        String blockSize = AreaLayout.blockSizeRefusal(chunkSizeSectors, cowLogicalBlockBytes);
        if (blockSize == null) {
            blockSize = AreaLayout.blockSizeRefusal(chunkSizeSectors, originLogicalBlockBytes);
        }
        return Optional.ofNullable(blockSize != null ? blockSize : AreaLayout.refusal(chunkSizeSectors));
    }

    /**
     * Returns {@code chunkSizeSectors} when the kernel accepts it.
     *
     * @throws IllegalArgumentException whose message is the kernel's refusal text
     */
    public long require(long chunkSizeSectors) {
        Optional<String> refusal = refusal(chunkSizeSectors);
        if (refusal.isPresent()) {
            throw new IllegalArgumentException(refusal.get());
        }
        return chunkSizeSectors;
    }

    private static void requireBlockSize(String device, long bytes) {
        if (!Units.isPowerOfTwo(bytes) || bytes < Units.SECTOR_BYTES) {
            throw new IllegalArgumentException(device + " logical block size must be a power of two of at least 512 bytes, not " + bytes);
        }
    }
}
