package dev.cowscope.sizing;

import dev.cowscope.format.AreaLayout;
import dev.cowscope.format.DiskException;
import dev.cowscope.format.SnapshotStatus;
import dev.cowscope.format.Units;

/**
 * Exact COW sizing for the persistent exception store (dm-snap-persistent.c). With n distinct
 * chunks allocated in order from a fresh store, {@code next_free = 2 + n + ⌊n/E⌋}, E = 32·cs
 * ({@code persistent_prepare_exception}, {@code skip_metadata}); that is also the minimum COW size
 * in whole chunks, because filling an area zeroes the next area's metadata chunk
 * ({@code persistent_commit_exception} → {@code zero_disk_area}) and that write must land inside
 * the device. All arithmetic is exact: results that do not fit in a {@code long} throw
 * {@link ArithmeticException}.
 */
public final class CowSizeCalculator {
    /** {@code NUM_SNAPSHOT_HDR_CHUNKS}: chunk 0 holds the header. */
    public static final long HEADER_CHUNKS = AreaLayout.HEADER_CHUNKS;
    /** Chunk 0 (header) and chunk 1 (area 0, zeroed on creation) exist before any allocation. */
    private static final long FRESH_STORE_CHUNKS = 2;

    private final AreaLayout layout;

    /**
     * @throws IllegalArgumentException with the kernel's text when {@code rule} refuses the chunk size
     */
    public CowSizeCalculator(long chunkSizeSectors, ChunkSizeRule rule) {
        this.layout = new AreaLayout(rule.require(chunkSizeSectors));
    }

    /** For devices with 512-byte logical blocks. */
    public CowSizeCalculator(long chunkSizeSectors) {
        this(chunkSizeSectors, ChunkSizeRule.SECTOR_DEVICES);
    }

    public long chunkSizeSectors() {
        return layout.chunkSizeSectors();
    }

    public long chunkSizeBytes() {
        return layout.chunkSizeBytes();
    }

    /** E, exceptions per metadata area. */
    public long exceptionsPerArea() {
        return layout.exceptionsPerArea();
    }

    /** The store's geometry at this chunk size. */
    public AreaLayout layout() {
        return layout;
    }

    /** The smallest COW that holds {@code changedChunks} distinct chunks. */
    public CowSize forChangedChunks(long changedChunks) {
        requireCount(changedChunks);
        long metadataChunks = Math.addExact(1, changedChunks / exceptionsPerArea());
        return new CowSize(chunkSizeSectors(), changedChunks, HEADER_CHUNKS, metadataChunks,
                changedChunks, threadFormulaChunks(changedChunks));
    }

    /**
     * The engineers' formula as Android's {@code DmSnapCowSizeCalculator::cow_size_chunks} writes it:
     * {@code 1 + 1 + modified + modified / exceptions_per_chunk}, with
     * {@code exceptions_per_chunk = chunk_sectors · sector_bytes / exception_size_bytes}.
     * Kept as a separate computation so the two can be shown side by side.
     */
    public long threadFormulaChunks(long modified) {
        requireCount(modified);
        long exceptionsPerChunk = chunkSizeSectors() * Units.SECTOR_BYTES / DiskException.SIZE_BYTES;
        return Math.addExact(Math.addExact(1 + 1, modified), modified / exceptionsPerChunk);
    }

    /** How many distinct chunks a COW of {@code cowSizeBytes} holds (the inverse of {@link #forChangedChunks}). */
    public CowCapacity capacity(long cowSizeBytes) {
        if (cowSizeBytes < 0) {
            throw new IllegalArgumentException("negative COW size " + cowSizeBytes);
        }
        long usableChunks = cowSizeBytes / Units.SECTOR_BYTES / chunkSizeSectors();
        if (usableChunks < FRESH_STORE_CHUNKS) {
            return new CowCapacity(chunkSizeSectors(), cowSizeBytes, usableChunks, false, 0, usableChunks);
        }
        // Largest n with n + ⌊n/E⌋ <= m: of every E+1 chunks past the first two, E hold data, and an
        // area's last data chunk counts only if the next metadata chunk (to be zeroed) fits too.
        long m = usableChunks - FRESH_STORE_CHUNKS;
        long maxChangedChunks = m - (m + 1) / layout.areaStrideChunks();
        long spareChunks = usableChunks - forChangedChunks(maxChangedChunks).totalChunks();
        return new CowCapacity(chunkSizeSectors(), cowSizeBytes, usableChunks, true, maxChangedChunks, spareChunks);
    }

    /**
     * The status the kernel would print after {@code allocations} distinct chunks were written,
     * in order, to a fresh store on a COW of {@code cowSizeBytes}.
     *
     * @param whenFull the store type and write target that decide what {@code -ENOSPC} does
     */
    public SnapshotStatus statusAfter(long allocations, long cowSizeBytes, WhenFull whenFull) {
        requireCount(allocations);
        CowCapacity capacity = capacity(cowSizeBytes);
        long totalSectors = cowSizeBytes / Units.SECTOR_BYTES;
        if (!capacity.creatable()) {
            return SnapshotStatus.of(SnapshotStatus.State.NO_DEVICE, totalSectors);
        }
        if (allocations <= capacity.maxChangedChunks()) {
            CowSize size = forChangedChunks(allocations);
            return SnapshotStatus.active(size.totalSectors(), totalSectors, size.statusMetadataSectors());
        }
        // The first allocation that does not fit either fails prepare (-ENOSPC), or passes it and
        // fills an area whose successor cannot be zeroed: an I/O error, which always invalidates.
        long nextFree = forChangedChunks(capacity.maxChangedChunks()).totalChunks();
        boolean prepareFails = capacity.usableChunks() < nextFree + 1;
        boolean overflow = prepareFails && whenFull == WhenFull.OVERFLOW;
        return SnapshotStatus.of(overflow ? SnapshotStatus.State.OVERFLOW : SnapshotStatus.State.INVALID, totalSectors);
    }

    private static void requireCount(long chunks) {
        if (chunks < 0) {
            throw new IllegalArgumentException("negative chunk count " + chunks);
        }
    }
}
