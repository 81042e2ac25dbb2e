package dev.cowscope.merge;

import dev.cowscope.format.SnapshotStatus;

/**
 * The merging store's in-memory state at one point of the merge, as {@code persistent_usage}
 * reports it.
 *
 * @param stepsDone steps committed so far
 * @param phase where in the loop the state is observed
 * @param entriesLeft entries still in the table
 * @param currentArea {@code current_area}
 * @param currentCommitted {@code current_committed}
 * @param nextFree {@code next_free}: the loaded value until the first commit, then
 *     {@code area_location(current_area) + current_committed + 1} as {@code commit_merge} sets it
 * @param originChunksMerged origin chunks copied back and committed
 * @param usage what {@code dmsetup status} prints
 */
public record MergeState(int stepsDone, Phase phase, long entriesLeft, long currentArea, long currentCommitted,
                         long nextFree, long originChunksMerged, SnapshotStatus usage) {

    /** Where in {@code snapshot_merge_next_chunks} / {@code merge_callback} the state is seen. */
    public enum Phase {
        /** As loaded, before the first {@code prepare_merge}. */
        LOADED,
        /**
         * After {@code prepare_merge} stepped back into an earlier area, while that step's copy is
         * in flight: {@code current_area} has dropped but {@code next_free} is still the last commit's.
         */
        PREPARED,
        /** After {@code commit_merge} of step {@code stepsDone − 1}. */
        COMMITTED
    }

    /** The status parameters, e.g. {@code 2096/8192 24}. */
    public String statusParams() {
        return usage.params();
    }

    /** {@code sectors_allocated == metadata_sectors}: the documented "merge finished" test. */
    public boolean finished() {
        return usage.mergeFinished();
    }
}
