package dev.cowscope.merge;

import dev.cowscope.format.SnapshotStatus;

/**
 * What is on disk after a power loss during step {@code step}, and what the next activation does.
 *
 * @param step the step the crash hit
 * @param point before or after that step's metadata commit
 * @param stepsCommitted steps whose commit is on disk
 * @param entriesOnDisk entries the next {@code read_exceptions} finds
 * @param entriesZeroed entries zeroed by commits (removed from the end of the table)
 * @param originChunksWritten origin chunks that already hold the snapshot's data (the step's own
 *     chunks included when its copy ran; before the commit they may be partly written)
 * @param resumeStep the step of this plan the kernel starts with after reloading: the uncommitted
 *     step is copied again from the same COW chunks, which is idempotent
 * @param usageAtActivation the status the reloaded store reports before its first merge step
 *     ({@code next_free} recomputed by {@code read_exceptions} from the remaining entries)
 * @param recovery the kernel's recovery, in words
 */
public record CrashState(int step, CrashPoint point, int stepsCommitted, long entriesOnDisk, long entriesZeroed,
                         long originChunksWritten, int resumeStep, SnapshotStatus usageAtActivation, String recovery) {
}
