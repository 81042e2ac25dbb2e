package dev.cowscope.merge;

/**
 * One iteration of the kernel's merge loop ({@code snapshot_merge_next_chunks}): the run that
 * {@code persistent_prepare_merge} reports, copied as one kcopyd job from the COW to the origin,
 * followed by {@code blkdev_issue_flush(origin)} and {@code persistent_commit_merge}.
 *
 * @param index 0-based position in the merge order
 * @param area the metadata area holding the run ({@code current_area}); the one
 *     {@code commit_merge} rewrites
 * @param firstEntry table index (disk order) of the run's first entry
 * @param chunks {@code linear}: entries in the run, ≥ 1, never more than {@code current_committed}
 * @param originFirstChunk first origin chunk written ({@code old − linear + 1})
 * @param cowFirstChunk first COW chunk read ({@code new − linear + 1})
 * @param copyBytes bytes copied: {@code linear × chunk size}, clamped to the end of the origin when its
 *     size is known ({@code dest.count = min(io_size, dev_size − dest.sector)})
 * @param entersArea true when {@code prepare_merge} first stepped back into {@code area}
 *     ({@code current_area--} and a read of that area from disk)
 * @param committedAfter {@code current_committed} once this step is committed
 */
public record MergeStep(int index, long area, int firstEntry, int chunks, long originFirstChunk, long cowFirstChunk,
                        long copyBytes, boolean entersArea, long committedAfter) {

    /** True when this step's commit leaves its area without entries. */
    public boolean emptiesArea() {
        return committedAfter == 0;
    }
}
