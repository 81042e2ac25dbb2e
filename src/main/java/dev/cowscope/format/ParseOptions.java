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

    /**
     * The snapshot table's chunk size as typed ({@code --chunk-size} and the window's field): a size
     * as everywhere ({@code 8s}, {@code 4K}, {@code 4096}; a bare number is bytes), or empty /
     * {@code auto} for "not given" (0).
     *
     * @throws IllegalArgumentException naming the text, for anything else (0 included: leave it out)
     */
    public static long parseTableChunkSize(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.equalsIgnoreCase("auto")) {
            return 0;
        }
        long sectors = Units.parseSectors(t);
        if (sectors == 0) {
            throw new IllegalArgumentException("a chunk size must be more than 0 (leave it empty to use the header's)");
        }
        return sectors;
    }

    public ParseOptions withTableChunkSize(long sectors) {
        return new ParseOptions(sectors, cowLogicalBlockBytes, maxFindingsPerKind);
    }

    public boolean tableChunkSizeGiven() {
        return tableChunkSizeSectors != 0;
    }
}
