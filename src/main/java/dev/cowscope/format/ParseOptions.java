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
    public static final ParseOptions DEFAULT = new ParseOptions(0, Units.SECTOR_BYTES, 20);

    public ParseOptions {
        if (tableChunkSizeSectors < 0) {
            throw new IllegalArgumentException("table chunk size must not be negative");
        }
        if (cowLogicalBlockBytes < Units.SECTOR_BYTES || !Units.isPowerOfTwo(cowLogicalBlockBytes)) {
            throw new IllegalArgumentException("logical block size must be a power of two of at least 512 bytes");
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
