package dev.cowscope.format;

/**
 * Geometry of a persistent store with a given chunk size (dm-snap-persistent.c):
 * chunk 0 is the header, then areas of one metadata chunk followed by {@code E} data chunks,
 * {@code E = chunk bytes / 16}. Area {@code a}'s metadata chunk is {@code 1 + (E + 1) * a}.
 * <pre>
 *  chunk: 0       1        2 .. E+1     E+2      E+3 .. 2E+2   ...
 *         header  area 0   data (a0)    area 1   data (a1)
 * </pre>
 */
public final class AreaLayout {
    /** Chunk 0 holds the header ({@code NUM_SNAPSHOT_HDR_CHUNKS}). */
    public static final long HEADER_CHUNKS = 1;
    /** The largest chunk size the kernel accepts: {@code INT_MAX >> SECTOR_SHIFT}, rounded to a power of two. */
    public static final long MAX_CHUNK_SIZE_SECTORS = 1L << 21;
    /** {@code DM_CHUNK_SIZE_DEFAULT_SECTORS}: used when the table passes chunk size 0. */
    public static final long DEFAULT_CHUNK_SIZE_SECTORS = 32;

    private final long chunkSizeSectors;
    private final long exceptionsPerArea;
    /** log2 E: chunk sizes are powers of two, so E is too, and "which area" is a shift, not a division. */
    private final int exceptionsPerAreaShift;

    /** @param chunkSizeSectors a chunk size the kernel accepts (see {@link #refusal(long)}) */
    public AreaLayout(long chunkSizeSectors) {
        String refusal = refusal(chunkSizeSectors);
        if (refusal != null) {
            throw new IllegalArgumentException("chunk size " + chunkSizeSectors + " sectors: " + refusal);
        }
        this.chunkSizeSectors = chunkSizeSectors;
        this.exceptionsPerArea = chunkSizeSectors * Units.SECTOR_BYTES / DiskException.SIZE_BYTES;
        this.exceptionsPerAreaShift = Long.numberOfTrailingZeros(exceptionsPerArea);
    }

    /**
     * Why {@code dm_exception_store_set_chunk_size} would refuse this chunk size, in the kernel's
     * words, or {@code null} when it is accepted. (Logical block size checks need the devices;
     * see {@link #blockSizeRefusal(long, long)}.)
     */
    public static String refusal(long chunkSizeSectors) {
        if (!Units.isPowerOfTwo(chunkSizeSectors)) {
            return "Chunk size is not a power of 2";
        }
        if (chunkSizeSectors > (Integer.MAX_VALUE >> Units.SECTOR_SHIFT)) {
            return "Chunk size is too high";
        }
        return null;
    }

    /** The kernel's refusal when the chunk size is not a multiple of a device's logical block size. */
    public static String blockSizeRefusal(long chunkSizeSectors, long logicalBlockBytes) {
        long lbsSectors = Math.max(1, logicalBlockBytes / Units.SECTOR_BYTES);
        return chunkSizeSectors % lbsSectors != 0 ? "Chunk size is not a multiple of device blocksize" : null;
    }

    public long chunkSizeSectors() {
        return chunkSizeSectors;
    }

    public long chunkSizeBytes() {
        return chunkSizeSectors * Units.SECTOR_BYTES;
    }

    /** E: exception entries per metadata area. */
    public long exceptionsPerArea() {
        return exceptionsPerArea;
    }

    /** The area of the {@code index}-th entry of the table (0-based, in disk order). */
    public long areaOfEntry(long index) {
        return index >>> exceptionsPerAreaShift;
    }

    /** The slot of the {@code index}-th entry inside its area. */
    public long slotOfEntry(long index) {
        return index & (exceptionsPerArea - 1);
    }

    /** Chunks from one area's metadata chunk to the next: E + 1. */
    public long areaStrideChunks() {
        return exceptionsPerArea + 1;
    }

    /** {@code area_location}: the metadata chunk of area {@code area}. */
    public long areaLocation(long area) {
        return Math.addExact(HEADER_CHUNKS, Math.multiplyExact(areaStrideChunks(), area));
    }

    /** Byte offset of chunk {@code chunkIndex}. */
    public long chunkOffsetBytes(long chunkIndex) {
        return Math.multiplyExact(chunkIndex, chunkSizeBytes());
    }

    /** Byte offset of entry {@code index} of area {@code area}. */
    public long entryOffsetBytes(long area, long index) {
        return Math.addExact(chunkOffsetBytes(areaLocation(area)), index * DiskException.SIZE_BYTES);
    }

    public boolean isMetadataChunk(long chunkIndex) {
        return chunkIndex >= HEADER_CHUNKS && (chunkIndex - HEADER_CHUNKS) % areaStrideChunks() == 0;
    }

    /** Metadata chunks with an index below {@code chunk} (the header chunk is not one). */
    public long metadataChunksBelow(long chunk) {
        return chunk <= HEADER_CHUNKS ? 0 : (chunk - HEADER_CHUNKS - 1) / areaStrideChunks() + 1;
    }

    /** The area a chunk belongs to (its metadata chunk or one of the data chunks after it); -1 for the header. */
    public long areaOfChunk(long chunkIndex) {
        return chunkIndex < HEADER_CHUNKS ? -1 : (chunkIndex - HEADER_CHUNKS) / areaStrideChunks();
    }

    /**
     * The chunk the kernel's allocator hands out as its {@code i}-th allocation (0-based) from a
     * fresh store: {@code 2 + i + ⌊i/E⌋}.
     */
    public long sequentialChunk(long allocation) {
        long areasBefore = allocation >= 0 ? allocation >>> exceptionsPerAreaShift : allocation / exceptionsPerArea;
        return Math.addExact(2 + allocation, areasBefore);
    }

    /** {@code next_free} after {@code n} in-order allocations: {@code 2 + n + ⌊n/E⌋}. */
    public long nextFreeAfter(long allocations) {
        return sequentialChunk(allocations);
    }

    /** {@code skip_metadata}: a {@code next_free} that points at a metadata chunk moves past it. */
    public long skipMetadata(long nextFree) {
        return Math.floorMod(nextFree, areaStrideChunks()) == HEADER_CHUNKS ? nextFree + 1 : nextFree;
    }
}
