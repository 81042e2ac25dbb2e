package dev.cowscope.merge;

import dev.cowscope.format.AreaLayout;
import dev.cowscope.format.CowImage;
import dev.cowscope.format.ExceptionTable;
import dev.cowscope.format.SnapshotStatus;
import dev.cowscope.format.StatusLine;
import dev.cowscope.format.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The merging store's state step by step, as the kernel holds it: what {@code dmsetup status}
 * prints between steps, and what a power loss in the middle leaves on disk.
 * <p>
 * {@code persistent_commit_merge} sets {@code next_free = area_location(current_area) +
 * current_committed + 1} ("only used for status") and leaves {@code current_area} alone even
 * when the area empties; the next {@code persistent_prepare_merge} drops {@code current_area}.
 * So when an area empties the status first shows {@code next_free} at the emptied area's first
 * data chunk with the old metadata count, then, while the next copy is in flight, the lower
 * metadata count ({@link MergeState.Phase#PREPARED}).
 */
public final class MergeSimulator {
    private static final String TARGET = StatusLine.SNAPSHOT_MERGE;

    private final MergePlan plan;
    private final CowImage image;
    private final AreaLayout layout;
    private final long[] mergedBefore;
    private final long[] bytesBefore;

    public MergeSimulator(MergePlan plan) {
        this.plan = plan;
        this.image = plan.image();
        this.layout = plan.layout();
        this.mergedBefore = new long[plan.stepCount() + 1];
        this.bytesBefore = new long[plan.stepCount() + 1];
        for (int k = 0; k < plan.stepCount(); k++) {
            MergeStep step = plan.step(k);
            mergedBefore[k + 1] = mergedBefore[k] + step.chunks();
            bytesBefore[k + 1] = bytesBefore[k] + step.copyBytes();
        }
    }

    public MergePlan plan() {
        return plan;
    }

    /** The state as loaded, before any step. */
    public MergeState initial() {
        return new MergeState(0, MergeState.Phase.LOADED, image.exceptions().size(), image.currentArea(),
                image.currentCommitted(), image.nextFree(), 0, usage(image.nextFree(), image.currentArea()));
    }

    /** The state once {@code stepsDone} steps are committed ({@link #initial()} for 0). */
    public MergeState afterSteps(int stepsDone) {
        if (stepsDone == 0) {
            return initial();
        }
        MergeStep last = plan.step(stepsDone - 1);
        long committed = last.committedAfter();
        // persistent_commit_merge: "we make no attempt to keep ps->next_free strictly accurate"
        long nextFree = Math.addExact(layout.areaLocation(last.area()), committed + 1);
        return new MergeState(stepsDone, MergeState.Phase.COMMITTED, last.firstEntry(), last.area(), committed, nextFree,
                mergedBefore[stepsDone], usage(nextFree, last.area()));
    }

    /**
     * The state while step {@code step} copies, when its {@code prepare_merge} stepped back into
     * an earlier area (otherwise it equals {@link #afterSteps(int) afterSteps(step)}).
     */
    public Optional<MergeState> prepared(int step) {
        MergeStep s = plan.step(step);
        if (!s.entersArea()) {
            return Optional.empty();
        }
        MergeState before = afterSteps(step);
        return Optional.of(new MergeState(step, MergeState.Phase.PREPARED, before.entriesLeft(), s.area(),
                layout.exceptionsPerArea(), before.nextFree(), before.originChunksMerged(), usage(before.nextFree(), s.area())));
    }

    /** Every state a status poll can observe, in order: loaded, then per step (prepared,) committed. */
    public List<MergeState> statusSequence() {
        List<MergeState> states = new ArrayList<>(plan.stepCount() + 1);
        states.add(initial());
        for (int k = 0; k < plan.stepCount(); k++) {
            prepared(k).ifPresent(states::add);
            states.add(afterSteps(k + 1));
        }
        return states;
    }

    /** Bytes the first {@code steps} steps copy to the origin. */
    public long bytesCopiedBy(int steps) {
        return bytesBefore[steps];
    }

    /**
     * The one merge status line both faces print: the whole {@code dmsetup status} line when the
     * origin's size is known, else the target name and its parameters.
     */
    public String status(MergeState state) {
        return plan.originBytes().isPresent() ? statusLine(state, plan.originBytes().getAsLong() / Units.SECTOR_BYTES)
                : TARGET + " " + state.statusParams();
    }

    /** The whole line {@code dmsetup status} prints for the merge target over an origin of {@code originSectors}. */
    public static String statusLine(MergeState state, long originSectors) {
        return StatusLine.of(originSectors, TARGET, state.usage()).toString();
    }

    /**
     * A power loss during step {@code step}: before its commit (the copy may have reached the
     * origin) or after it.
     */
    public CrashState crash(int step, CrashPoint point) {
        if (step < 0 || step >= plan.stepCount()) {
            throw new IllegalArgumentException("step " + step + " is not in 0.." + (plan.stepCount() - 1));
        }
        MergeStep s = plan.step(step);
        int committedSteps = point == CrashPoint.AFTER_COMMIT ? step + 1 : step;
        long onDisk = afterSteps(committedSteps).entriesLeft();
        long zeroed = image.exceptions().size() - onDisk;
        long written = mergedBefore[step + 1];
        SnapshotStatus reloaded = usageAtLoad(onDisk);
        String recovery;
        if (point == CrashPoint.BEFORE_COMMIT) {
            recovery = String.format(Locale.ROOT,
                    "step %d copied %d chunk(s) to origin chunks %d..%d, perhaps only in part, but area %d was not rewritten: "
                            + "its %d entries are still on disk and still send reads of those chunks to the COW, so the snapshot "
                            + "view is unchanged. At the next activation read_exceptions loads %d entries (status %s) and "
                            + "prepare_merge finds the same run again: the copy of the same COW chunks %d..%d onto the same origin "
                            + "chunks is repeated, which is idempotent.",
                    step, s.chunks(), s.originFirstChunk(), s.originFirstChunk() + s.chunks() - 1, s.area(), s.chunks(),
                    onDisk, reloaded.params(), s.cowFirstChunk(), s.cowFirstChunk() + s.chunks() - 1);
        } else if (committedSteps < plan.stepCount()) {
            recovery = String.format(Locale.ROOT,
                    "step %d is complete on disk: the origin was flushed (blkdev_issue_flush) before area %d was written with "
                            + "REQ_PREFLUSH|REQ_FUA without its %d entries. At the next activation read_exceptions loads %d entries "
                            + "(status %s) and the merge goes on with step %d.",
                    step, s.area(), s.chunks(), onDisk, reloaded.params(), committedSteps);
        } else {
            recovery = String.format(Locale.ROOT,
                    "the merge was complete: every entry is zeroed and the origin holds the snapshot's data. The next activation "
                            + "loads an empty table (status %s) and prepare_merge reports nothing to merge.", reloaded.params());
        }
        return new CrashState(step, point, committedSteps, onDisk, zeroed, written, committedSteps, reloaded, recovery);
    }

    /**
     * What {@code read_exceptions} makes of a table cut down to its first {@code entries} entries:
     * {@code next_free} from the highest {@code new_chunk} plus {@code skip_metadata},
     * {@code current_area} the area holding the first zero entry.
     */
    private SnapshotStatus usageAtLoad(long entries) {
        ExceptionTable table = image.exceptions();
        long nextFree = AreaLayout.HEADER_CHUNKS + 1;
        for (int i = 0; i < entries; i++) {
            if (Long.compareUnsigned(nextFree, table.newChunk(i)) <= 0) {
                nextFree = table.newChunk(i) + 1;
            }
        }
        return usage(layout.skipMetadata(nextFree), entries / layout.exceptionsPerArea());
    }

    /** {@code persistent_usage}: allocated {@code next_free × cs}, metadata {@code (current_area + 2) × cs}. */
    private SnapshotStatus usage(long nextFree, long currentArea) {
        long cs = layout.chunkSizeSectors();
        return SnapshotStatus.active(Math.multiplyExact(nextFree, cs), image.deviceSectors(), Math.multiplyExact(currentArea + 2, cs));
    }
}
