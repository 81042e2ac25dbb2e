package dev.cowscope.monitor;

import dev.cowscope.format.SnapshotStatus;
import dev.cowscope.format.StatusLine;
import java.util.Arrays;

/**
 * Status samples of one snapshot in time order, as primitive columns (33 bytes a sample): a day
 * polled ten times a second is 28 MiB. The reader stops adding at {@link #MAX_SAMPLES} and says so.
 */
public final class FillSeries {
    /** 2^23 samples (about 280 MiB): a week polled every 72 ms. */
    public static final int MAX_SAMPLES = 1 << 23;
    private static final int MERGING = 0x80;
    private static final SnapshotStatus.State[] STATES = SnapshotStatus.State.values();

    private final String name;
    private long[] micros = new long[64];
    private long[] allocated = new long[64];
    private long[] total = new long[64];
    private long[] metadata = new long[64];
    private byte[] state = new byte[64];
    private int size;

    public FillSeries(String name) {
        this.name = name;
    }

    /** The device name the log gave its lines, or empty when it gave none. */
    public String name() {
        return name;
    }

    public int size() {
        return size;
    }

    public boolean isFull() {
        return size >= MAX_SAMPLES;
    }

    /** Time of the last sample, or {@code Long.MIN_VALUE} when there is none. */
    public long lastMicros() {
        return size == 0 ? Long.MIN_VALUE : micros[size - 1];
    }

    /** Adds a sample; false (and nothing added) once {@link #MAX_SAMPLES} are held. */
    public boolean add(long atMicros, StatusLine line) {
        if (size >= MAX_SAMPLES) {
            return false;
        }
        if (size == micros.length) {
            int n = (int) Math.min(MAX_SAMPLES, 2L * size);
            micros = Arrays.copyOf(micros, n);
            allocated = Arrays.copyOf(allocated, n);
            total = Arrays.copyOf(total, n);
            metadata = Arrays.copyOf(metadata, n);
            state = Arrays.copyOf(state, n);
        }
        SnapshotStatus s = line.status();
        micros[size] = atMicros;
        allocated[size] = s.sectorsAllocated();
        total[size] = s.totalSectors();
        metadata[size] = s.metadataSectors();
        state[size] = (byte) (s.state().ordinal() | (line.target().equals(StatusLine.SNAPSHOT_MERGE) ? MERGING : 0));
        size++;
        return true;
    }

    public long micros(int i) {
        return micros[i];
    }

    public SnapshotStatus status(int i) {
        SnapshotStatus.State st = STATES[state[i] & ~MERGING];
        return st == SnapshotStatus.State.ACTIVE
                ? SnapshotStatus.active(allocated[i], total[i], metadata[i])
                : SnapshotStatus.of(st, 0);
    }

    public SnapshotStatus.State state(int i) {
        return STATES[state[i] & ~MERGING];
    }

    /** The line came from a snapshot-merge target. */
    public boolean merging(int i) {
        return (state[i] & MERGING) != 0;
    }

    public long allocated(int i) {
        return allocated[i];
    }

    public long total(int i) {
        return total[i];
    }

    public long metadata(int i) {
        return metadata[i];
    }

    /** The sample as {@code dmsetup status} printed it, without the name and sector prefix. */
    public String params(int i) {
        return status(i).params();
    }
}
