package dev.cowscope.sizing;

/**
 * A step-by-step model of the persistent store's allocator, written from dm-snap-persistent.c and
 * independent of {@link CowSizeCalculator}: {@code persistent_ctr} / {@code persistent_read_metadata}
 * (header in chunk 0, area 0 zeroed in chunk 1, {@code next_free = 2}),
 * {@code persistent_prepare_exception} ({@code -ENOSPC} when {@code cow_sectors < (next_free+1)·cs},
 * then {@code next_free++} and {@code skip_metadata}) and {@code persistent_commit_exception}
 * (when an area fills, {@code zero_disk_area(current_area + 1)}; a failed write clears {@code valid}).
 */
final class KernelAllocatorModel {
    enum Outcome { ALLOCATED, ENOSPC, INVALIDATED }

    private final long chunkSizeSectors;
    private final long cowSectors;
    private final long exceptionsPerArea;
    private final boolean created;
    private long nextFree;
    private long currentArea;
    private long currentCommitted;
    private boolean valid;
    private long allocations;
    /** The fewest whole chunks of COW that would have let every step so far succeed. */
    private long requiredChunks;

    /** @param cowSectors the COW size in sectors; {@link Long#MAX_VALUE} for "never full" */
    KernelAllocatorModel(long chunkSizeSectors, long cowSectors) {
        this.chunkSizeSectors = chunkSizeSectors;
        this.cowSectors = cowSectors;
        this.exceptionsPerArea = chunkSizeSectors * 512 / 16;
        // write_header (chunk 0) then zero_disk_area(0) (chunk 1): whole-chunk I/O inside the device.
        this.created = chunkFits(0) && chunkFits(1);
        this.requiredChunks = 2;
        this.nextFree = 2;
        this.valid = created;
    }

    boolean created() {
        return created;
    }

    boolean valid() {
        return valid;
    }

    long allocations() {
        return allocations;
    }

    long requiredChunks() {
        return requiredChunks;
    }

    /** One new exception: prepare, then commit (the copy succeeded). */
    Outcome allocate() {
        if (!valid) {
            return Outcome.INVALIDATED;
        }
        requiredChunks = Math.max(requiredChunks, nextFree + 1);
        if (cowSectors < (nextFree + 1) * chunkSizeSectors) {
            return Outcome.ENOSPC;
        }
        nextFree++;
        skipMetadata();
        allocations++;
        currentCommitted++;
        if (currentCommitted == exceptionsPerArea) {
            long nextAreaChunk = 1 + (exceptionsPerArea + 1) * (currentArea + 1);
            requiredChunks = Math.max(requiredChunks, nextAreaChunk + 1);
            if (!chunkFits(nextAreaChunk)) {
                valid = false;
            }
            currentArea++;
            currentCommitted = 0;
        }
        return valid ? Outcome.ALLOCATED : Outcome.INVALIDATED;
    }

    /** {@code persistent_usage}: sectors_allocated / total_sectors metadata_sectors. */
    String status() {
        return nextFree * chunkSizeSectors + "/" + cowSectors + " " + (currentArea + 2) * chunkSizeSectors;
    }

    private void skipMetadata() {
        if (nextFree % (exceptionsPerArea + 1) == 1) {
            nextFree++;
        }
    }

    private boolean chunkFits(long chunk) {
        return (chunk + 1) * chunkSizeSectors <= cowSectors;
    }
}
