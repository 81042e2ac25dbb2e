package dev.cowscope.monitor;

import dev.cowscope.format.SnapshotStatus;
import dev.cowscope.format.StatusLine;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Polls a snapshot's status on a fixed grid and feeds the fill model, until the snapshot is lost,
 * enough samples were taken, or the caller stops it. A slow poll does not shift the grid: the next
 * one is taken at once and the grid re-anchored, so a sample's time is always when it was read.
 */
public final class FillWatch {
    /** Why the watch ended. */
    public enum End {
        /** Invalid, Overflow or Merge failed: the exit a script waits for. */
        LOST,
        /** The number of samples asked for was taken. */
        COUNT,
        /** Stopped from outside (cancel, interrupt). */
        STOPPED
    }

    /** Wall time and sleeping, replaceable in tests. */
    public interface Clock {
        Clock SYSTEM = new Clock() {
            @Override
            public long nowMicros() {
                java.time.Instant now = java.time.Instant.now();
                return now.getEpochSecond() * LogTime.MICROS_PER_SECOND + now.getNano() / 1000;
            }

            @Override
            public void sleep(long micros) throws InterruptedException {
                TimeUnit.MICROSECONDS.sleep(micros);
            }
        };

        long nowMicros();

        void sleep(long micros) throws InterruptedException;
    }

    /** Receives every sample with the model's view of it; returning false stops the watch. */
    public interface Sink {
        boolean sample(StatusLine line, FillPoint point) throws IOException;
    }

    private final StatusSource source;
    private final FillTracker tracker;
    private final Clock clock;

    public FillWatch(StatusSource source, FillTracker tracker, Clock clock) {
        this.source = source;
        this.tracker = tracker;
        this.clock = clock;
    }

    public FillTracker tracker() {
        return tracker;
    }

    /**
     * Runs until the snapshot is lost, {@code count} samples (0: no limit) were taken, or the sink says stop.
     *
     * @throws IOException when the status cannot be read any more
     */
    public End run(long intervalMicros, long count, Sink sink) throws IOException {
        long next = clock.nowMicros();
        for (long taken = 0; count == 0 || taken < count; taken++) {
            StatusLine line = source.poll();
            long at = clock.nowMicros();
            FillPoint point = tracker.add(at, line.status(), line.target().equals(StatusLine.SNAPSHOT_MERGE));
            if (!sink.sample(line, point)) {
                return End.STOPPED;
            }
            SnapshotStatus.State s = line.status().state();
            if (s == SnapshotStatus.State.INVALID || s == SnapshotStatus.State.OVERFLOW
                    || s == SnapshotStatus.State.MERGE_FAILED) {
                return End.LOST;
            }
            if (count != 0 && taken + 1 >= count) {
                break;
            }
            next += intervalMicros;
            long now = clock.nowMicros();
            if (next <= now) {
                next = now;
            } else {
                try {
                    clock.sleep(next - now);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return End.STOPPED;
                }
            }
        }
        return End.COUNT;
    }
}
