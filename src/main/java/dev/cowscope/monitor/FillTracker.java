package dev.cowscope.monitor;

import dev.cowscope.format.SnapshotStatus;
import java.util.Arrays;

/**
 * The fill model, fed one status sample at a time (a recorded log or a live poll alike): per sample
 * the room left by the kernel's rule ({@link StoreRoom}), the rate ({@link RateWindow}) and the
 * predicted loss; over the series the first crossing of each threshold and the first Invalid,
 * Overflow or Merge failed. The loss is predicted for when the first new chunk that does not fit is
 * written: when the window's growth, played again from now, reaches {@code (room + 1) · cs} sectors.
 * Memory is bounded by the rate window, whatever the
 * series' length.
 */
public final class FillTracker {
    private final long chunkSizeSectors;
    private final FillThresholds thresholds;
    private final long[] thresholdAt;
    private final RateWindow window = new RateWindow();
    private long samples;
    private long firstMicros = FillPoint.NEVER;
    private long lastMicros = FillPoint.NEVER;
    private long invalidAt = FillPoint.NEVER;
    private long overflowAt = FillPoint.NEVER;
    private long mergeFailedAt = FillPoint.NEVER;
    private long replacedAt = FillPoint.NEVER;
    private long inconsistentAt = FillPoint.NEVER;
    private int replacements;
    private SnapshotStatus.State lastState;
    private boolean lastMerging;

    /**
     * @param chunkSizeSectors the snapshot's chunk size (from its table, the user, or {@link ChunkSizeGuess});
     *     0 when unknown: then no room and no prediction, only rates, thresholds and events
     */
    public FillTracker(long chunkSizeSectors, FillThresholds thresholds) {
        this.chunkSizeSectors = chunkSizeSectors;
        this.thresholds = thresholds;
        this.thresholdAt = new long[thresholds.count()];
        Arrays.fill(thresholdAt, FillPoint.NEVER);
    }

    /** Adds the next sample (times never decrease) and says what the model makes of it. */
    public FillPoint add(long micros, SnapshotStatus status, boolean merging) {
        samples++;
        if (firstMicros == FillPoint.NEVER) {
            firstMicros = micros;
        }
        lastMicros = micros;
        FillPoint point = status.isActive() ? working(micros, status, merging) : lost(micros, status, merging);
        lastState = status.state();
        lastMerging = merging;
        return point;
    }

    private FillPoint lost(long micros, SnapshotStatus status, boolean merging) {
        switch (status.state()) {
            case INVALID -> invalidAt = firstOf(invalidAt, micros);
            case OVERFLOW -> overflowAt = firstOf(overflowAt, micros);
            case MERGE_FAILED -> mergeFailedAt = firstOf(mergeFailedAt, micros);
            default -> { }
        }
        window.clear();
        return new FillPoint(micros, status, merging, null, Double.NaN, FillPoint.NEVER);
    }

    private FillPoint working(long micros, SnapshotStatus status, boolean merging) {
        for (int i = 0; i < thresholdAt.length; i++) {
            if (thresholdAt[i] == FillPoint.NEVER
                    && FillThresholds.reached(status.sectorsAllocated(), status.totalSectors(), thresholds.percent(i))) {
                thresholdAt[i] = micros;
            }
        }
        StoreRoom room = chunkSizeSectors > 0 ? StoreRoom.of(status, chunkSizeSectors) : null;
        if (room != null && !room.consistent()) {
            inconsistentAt = firstOf(inconsistentAt, micros);
        }
        long data = room != null && room.consistent() ? room.dataChunks() * chunkSizeSectors : status.dataSectors();
        if (merging) {
            window.clear(); // a merge empties the store: the fill history no longer says anything
            return new FillPoint(micros, status, true, room, Double.NaN, FillPoint.NEVER);
        }
        boolean fresh = lastState != null && (lastState != SnapshotStatus.State.ACTIVE || lastMerging);
        if (!window.isEmpty() && data < window.lastSectors() || fresh && samples > 1) {
            replacements++;
            replacedAt = firstOf(replacedAt, micros);
            window.clear();
        }
        window.add(micros, data);
        double rate = window.sectorsPerSecond();
        long fullAt = FillPoint.NEVER;
        if (room != null && room.consistent() && rate > 0) {
            long needed = (room.remainingChunks() + 1) * chunkSizeSectors; // the first chunk that does not fit
            long until = window.microsUntilGrowth(needed);
            fullAt = until < 0 || until >= Long.MAX_VALUE / 2 - micros ? FillPoint.NEVER : micros + until;
        }
        return new FillPoint(micros, status, false, room, rate, fullAt);
    }

    private static long firstOf(long current, long micros) {
        return current == FillPoint.NEVER ? micros : current;
    }

    public long chunkSizeSectors() {
        return chunkSizeSectors;
    }

    public FillThresholds thresholds() {
        return thresholds;
    }

    public long samples() {
        return samples;
    }

    public long firstMicros() {
        return firstMicros;
    }

    public long lastMicros() {
        return lastMicros;
    }

    /** When threshold {@code i} was first reached, or {@link FillPoint#NEVER}. */
    public long thresholdAt(int i) {
        return thresholdAt[i];
    }

    public long becameInvalidAt() {
        return invalidAt;
    }

    public long becameOverflowAt() {
        return overflowAt;
    }

    public long mergeFailedAt() {
        return mergeFailedAt;
    }

    /** The first sample where a new snapshot seemed to take the name, or {@link FillPoint#NEVER}. */
    public long replacedAt() {
        return replacedAt;
    }

    public int replacements() {
        return replacements;
    }

    /** The first sample whose numbers the kernel could not print at this chunk size, or {@link FillPoint#NEVER}. */
    public long inconsistentAt() {
        return inconsistentAt;
    }
}
