package dev.cowscope.format;

/**
 * How to read a COW, as the snapshot table would set it up.
 *
 * @param tableChunkSizeSectors the chunk size in the snapshot table, or 0 when not given (the
 *     kernel then uses the header's, or {@code max(32, COW logical block size)} for a new COW)
 * @param cowLogicalBlockBytes the COW device's logical block size (512 for files)
 * @param maxFindingsPerKind how many findings of one kind to list before summarising the rest
 */
public record ParseOptions(long tableChunkSizeSectors, long cowLogicalBlockBytes, int maxFindingsPerKind) {
    /** The largest logical block size Linux gives a block device ({@code BLK_MAX_BLOCK_SIZE}, 64 KiB). */
    public static final long MAX_LOGICAL_BLOCK_BYTES = 65536;
    public static final ParseOptions DEFAULT = new ParseOptions(0, Units.SECTOR_BYTES, 20);

    public ParseOptions {
        if (tableChunkSizeSectors < 0) {
            throw new IllegalArgumentException("table chunk size must not be negative");
        }
        if (cowLogicalBlockBytes < Units.SECTOR_BYTES || cowLogicalBlockBytes > MAX_LOGICAL_BLOCK_BYTES
                || !Units.isPowerOfTwo(cowLogicalBlockBytes)) {
            throw new IllegalArgumentException("a logical block size is a power of two from 512 to 65536 bytes (BLK_MAX_BLOCK_SIZE), got "
                    + cowLogicalBlockBytes);
        }
        if (maxFindingsPerKind < 1) {
            throw new IllegalArgumentException("maxFindingsPerKind must be at least 1");
        }
    }

    public ParseOptions withTableChunkSize(long sectors) {
        return new ParseOptions(sectors, cowLogicalBlockBytes, maxFindingsPerKind);
    }

    public boolean tableChunkSizeGiven() {
        return tableChunkSizeSectors != 0;
    }
}
