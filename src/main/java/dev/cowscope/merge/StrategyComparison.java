package dev.cowscope.merge;

import dev.cowscope.format.AreaLayout;
import dev.cowscope.format.Headroom;
import dev.cowscope.format.Units;
import java.util.Locale;

/**
 * Two ways to trial an update with dm-snapshot, compared for one COW:
 * <ul>
 *   <li><b>A</b> (Android's plan): the update is written to the snapshot, the trial boot runs on
 *       the snapshot, and success is made permanent by merging the snapshot into the origin.</li>
 *   <li><b>B</b> (the dm maintainer's advice): the update is written to the origin while a snapshot
 *       keeps the old data, the trial runs on the origin, and only a failure merges the snapshot back.</li>
 * </ul>
 * Both copy the same chunks into the COW (the update's, plus the trial's writes outside them), so
 * they fill it alike; they differ in who writes (snapshot writes may overflow gracefully with
 * {@code PO}, origin writes always invalidate: {@code __origin_write} → {@code invalidate_snapshot}),
 * in what an overflow destroys, and in which outcome needs a merge.
 */
public final class StrategyComparison {

    private StrategyComparison() {
        throw new AssertionError("no instances");
    }

    /** The persistent store's table option. */
    public enum Store { P, PO }

    public enum Strategy { A_UPDATE_IN_SNAPSHOT, B_UPDATE_ON_ORIGIN }

    /** When the first chunk copy that does not fit happens. */
    public enum OverflowPhase { NONE, UPDATE, TRIAL }

    /**
     * @param changedChunks distinct chunks the update writes
     * @param trialWriteChunks distinct chunks written during the trial boot
     * @param overlapChunks how many of those are also update chunks (already copied: no new exception)
     * @param cowSizeBytes the COW device's size
     * @param chunkSizeBytes the snapshot's chunk size
     * @param store P or PO
     */
    public record Inputs(long changedChunks, long trialWriteChunks, long overlapChunks, long cowSizeBytes, long chunkSizeBytes,
                         Store store) {
        public Inputs {
            if (changedChunks < 0 || trialWriteChunks < 0 || overlapChunks < 0) {
                throw new IllegalArgumentException("chunk counts (changed chunks, trial writes, overlap) must not be negative");
            }
            if (overlapChunks > Math.min(changedChunks, trialWriteChunks)) {
                throw new IllegalArgumentException("overlap (" + overlapChunks + ") cannot exceed the changed chunks ("
                        + changedChunks + ") or the trial writes (" + trialWriteChunks + ")");
            }
            if (chunkSizeBytes <= 0 || chunkSizeBytes % Units.SECTOR_BYTES != 0
                    || AreaLayout.refusal(chunkSizeBytes / Units.SECTOR_BYTES) != null) {
                throw new IllegalArgumentException("chunk size " + chunkSizeBytes + " bytes: not a power-of-two number of sectors "
                        + "the kernel accepts (512 bytes to 1 GiB)");
            }
            if (cowSizeBytes < 0) {
                throw new IllegalArgumentException("COW size must not be negative");
            }
            // the whole run's COW must be a size a long holds; then every later figure is smaller
            AreaLayout layout = new AreaLayout(chunkSizeBytes / Units.SECTOR_BYTES);
            long needed = trialWriteChunks - overlapChunks; // both >= 0: no overflow
            try {
                needed = Math.addExact(changedChunks, needed);
                layout.chunkOffsetBytes(layout.nextFreeAfter(needed));
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%d changed + %d trial - %d overlap chunks of %d "
                        + "bytes need a COW larger than the largest size (8 EiB)", changedChunks, trialWriteChunks, overlapChunks,
                        chunkSizeBytes), e);
            }
        }

        /** Exceptions the whole run needs: update plus the trial's writes outside it. */
        public long chunksNeeded() {
            return changedChunks + (trialWriteChunks - overlapChunks); // checked in the constructor
        }
    }

    /**
     * One strategy's run.
     *
     * @param copiesBeforeOverflow chunk copies that succeed; the next one overflows ({@code chunksNeeded} when none does)
     * @param kernelReaction what the kernel does at the overflow, or "none"
     * @param statusAtEnd {@code dmsetup status} at the end of the trial
     * @param mergeChunksOnSuccess / mergeChunksOnFailure chunks copied back by a merge in each outcome
     */
    public record Outcome(Strategy strategy, boolean overflows, OverflowPhase overflowPhase, long copiesBeforeOverflow,
                          String kernelReaction, long sectorsAllocatedAtEnd, String statusAtEnd, String onSuccess,
                          String onFailure, boolean rollbackPossible, long mergeChunksOnSuccess, long mergeBytesOnSuccess,
                          long mergeChunksOnFailure, long mergeBytesOnFailure) {
    }

    /**
     * @param capacityChunks distinct chunks the COW takes before the next copy overflows or invalidates
     * @param minimumCowBytes the smallest COW that takes the whole run: {@code next_free(n) = 2 + n + ⌊n/E⌋} chunks
     */
    public record Result(Inputs inputs, long chunksNeeded, long capacityChunks, long minimumCowBytes, Outcome a, Outcome b) {
    }

    public static Result compare(Inputs in) {
        AreaLayout layout = new AreaLayout(in.chunkSizeBytes() / Units.SECTOR_BYTES);
        long cowSectors = in.cowSizeBytes() / Units.SECTOR_BYTES;
        long deviceChunks = cowSectors / layout.chunkSizeSectors();
        if (deviceChunks < 2) {
            throw new IllegalArgumentException("a COW of " + in.cowSizeBytes() + " bytes holds fewer than 2 chunks: creating the "
                    + "snapshot fails (\"zero_disk_area(0) failed\")");
        }
        long capacity = Headroom.chunksThatFit(layout, deviceChunks, layout.nextFreeAfter(0), 0, 0);
        long needed = in.chunksNeeded();
        Run run = new Run(in, layout, cowSectors, deviceChunks, capacity, needed);
        return new Result(in, needed, capacity, layout.chunkOffsetBytes(layout.nextFreeAfter(needed)), run.a(), run.b());
    }

    /** The arithmetic shared by both strategies. */
    private static final class Run {
        private final Inputs in;
        private final AreaLayout layout;
        private final long cowSectors;
        private final long capacity;
        private final long needed;
        private final boolean overflows;
        private final OverflowPhase phase;
        private final boolean zeroingFails;

        Run(Inputs in, AreaLayout layout, long cowSectors, long deviceChunks, long capacity, long needed) {
            this.in = in;
            this.layout = layout;
            this.cowSectors = cowSectors;
            this.capacity = capacity;
            this.needed = needed;
            this.overflows = needed > capacity;
            this.phase = !overflows ? OverflowPhase.NONE : capacity < in.changedChunks() ? OverflowPhase.UPDATE : OverflowPhase.TRIAL;
            // persistent_prepare_exception accepts the next copy when (next_free + 1) chunks fit; then it is the
            // commit's zero_disk_area of the next area, past the end, that fails
            this.zeroingFails = overflows && layout.nextFreeAfter(capacity) + 1 <= deviceChunks;
        }

        private long copies() {
            return Math.min(needed, capacity);
        }

        private long allocated() {
            return Math.multiplyExact(layout.nextFreeAfter(copies()), layout.chunkSizeSectors());
        }

        private String usage() {
            long metadata = (copies() / layout.exceptionsPerArea() + 2) * layout.chunkSizeSectors();
            return allocated() + "/" + cowSectors + " " + metadata;
        }

        private long bytes(long chunks) {
            return Math.multiplyExact(chunks, in.chunkSizeBytes());
        }

        private String where() {
            return phase == OverflowPhase.UPDATE
                    ? String.format(Locale.ROOT, "while the update is written (copy %d of %d update chunks)", capacity + 1, in.changedChunks())
                    : String.format(Locale.ROOT, "during the trial boot (its write %d outside the update)", capacity - in.changedChunks() + 1);
        }

        private String invalidation(String reason) {
            return "the snapshot is invalidated " + where() + ": \"Invalidating snapshot: " + reason + "\", header valid = 0, "
                    + "status Invalid, and every later read or write of the snapshot fails";
        }

        Outcome a() {
            String reaction;
            String status;
            String success;
            String failure = "drop the snapshot: the origin was never written, so the old system is intact; the update and "
                    + "the trial's writes are lost; no merge";
            boolean snapshotSurvives;
            if (!overflows) {
                reaction = "none";
                status = usage();
                snapshotSurvives = true;
            } else if (zeroingFails) {
                reaction = invalidation("Error reading/writing.") + " (the commit filling the last area cannot zero the next one; "
                        + "PO does not help)";
                status = "Invalid";
                snapshotSurvives = false;
            } else if (in.store() == Store.PO) {
                reaction = "\"Snapshot overflowed: Unable to allocate exception.\" " + where() + ": that write and every later "
                        + "snapshot write needing a new chunk fail with EIO; reads work and the header stays valid";
                status = "Overflow";
                snapshotSurvives = true;
            } else {
                reaction = invalidation("Unable to allocate exception.");
                status = "Invalid";
                snapshotSurvives = false;
            }
            long mergeChunks = snapshotSurvives ? copies() : 0;
            if (!overflows) {
                success = "merge the snapshot into the origin: " + copies() + " chunks copied back, one run per step";
            } else if (phase == OverflowPhase.UPDATE) {
                success = "impossible: the update did not fit in the COW (a bigger COW is needed: the update alone needs "
                        + Units.human(layout.chunkOffsetBytes(layout.nextFreeAfter(in.changedChunks()))) + ")";
                mergeChunks = 0;
            } else if (snapshotSurvives) {
                success = "the trial saw write errors; merging keeps the update and the trial writes that fit (" + copies()
                        + " chunks); the failed writes are lost";
            } else {
                success = "impossible: the new system lost its disk mid-trial; boot the old system and retry with a bigger COW";
                mergeChunks = 0;
            }
            return new Outcome(Strategy.A_UPDATE_IN_SNAPSHOT, overflows, phase, copies(), reaction, allocated(), status, success,
                    failure, true, mergeChunks, bytes(mergeChunks), 0, 0);
        }

        Outcome b() {
            String reaction;
            String status;
            boolean rollback = !overflows;
            if (!overflows) {
                reaction = "none";
                status = usage();
            } else {
                reaction = invalidation(zeroingFails ? "Error reading/writing." : "Unable to allocate exception.")
                        + "; the writes are to the origin, and an origin write that cannot be copied out always invalidates, "
                        + (in.store() == Store.PO ? "even with PO" : "with P or PO") + ". The origin writes themselves succeed";
                status = "Invalid";
            }
            String success = "drop the snapshot: the origin already holds the new system; no merge";
            String failure = rollback
                    ? "merge the snapshot back into the origin: " + copies() + " chunks copied back restore the old system; "
                            + "the update and the trial's writes are lost"
                    : "no rollback: the old data of the " + copies() + " chunks copied out is gone with the invalidated snapshot"
                            + (phase == OverflowPhase.UPDATE ? ", and the origin holds a partly written update until it finishes" : "");
            long mergeChunks = rollback ? copies() : 0;
            return new Outcome(Strategy.B_UPDATE_ON_ORIGIN, overflows, phase, copies(), reaction, allocated(), status, success,
                    failure, rollback, 0, 0, mergeChunks, bytes(mergeChunks));
        }
    }
}
