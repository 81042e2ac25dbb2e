package dev.cowscope.monitor;

import dev.cowscope.format.SnapshotStatus;

/**
 * What the fill model says at one sample.
 *
 * @param micros the sample's time
 * @param status the sample
 * @param merging the line came from a snapshot-merge target (no fill prediction then)
 * @param room new chunks that still fit, by the kernel's rule; null when not working or the chunk size is unknown
 * @param sectorsPerSecond data sectors allocated per second over the rate window; NaN until measured
 * @param fullAtMicros when the next new chunk that does not fit is predicted to be written and the snapshot
 *     lost; {@link #NEVER} when it is not filling (idle, merging, not working, rate not yet measured)
 */
public record FillPoint(long micros, SnapshotStatus status, boolean merging, StoreRoom room,
                        double sectorsPerSecond, long fullAtMicros) {
    public static final long NEVER = Long.MIN_VALUE;

    public boolean predictsLoss() {
        return fullAtMicros != NEVER;
    }

    /** Seconds from this sample to the predicted loss, or NaN. */
    public double secondsLeft() {
        return predictsLoss() ? (fullAtMicros - micros) / (double) LogTime.MICROS_PER_SECOND : Double.NaN;
    }
}
