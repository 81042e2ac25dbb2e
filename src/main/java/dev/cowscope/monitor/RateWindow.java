package dev.cowscope.monitor;

import java.util.Arrays;

/**
 * The recent fill history and what it says about the future. The window reaches back half the time
 * since the growth began (at least {@link #MIN_WINDOW_MICROS}, at most {@link #MAX_WINDOW_MICROS}):
 * long enough that polling jitter, bursts and idle pauses average out, short enough that a writer that
 * slows down is followed well before the end. When the writer works in bursts (growth resumes after
 * an idle gap), the window is cut to span whole burst cycles, from one resumption to another, so it
 * starts at the same phase as now.
 *
 * <p>The future is the window played again ({@link #microsUntilGrowth}): the growth the window saw
 * from its start repeats from now, window after window. For a steady writer that is a straight line;
 * for a bursty one the loss lands in a burst, not in the idle gap a straight line would put it in.
 * Rewrites of remapped chunks allocate nothing, so they never count.
 *
 * <p>Memory is bounded: points older than the longest window are dropped, and when a fast poll fills
 * the buffer every second point is dropped.
 */
final class RateWindow {
    static final long MIN_WINDOW_MICROS = 10 * LogTime.MICROS_PER_SECOND;
    static final long MAX_WINDOW_MICROS = 3600 * LogTime.MICROS_PER_SECOND;
    /** No rate before the growth has lasted this long, from at least {@link #MIN_SAMPLES} samples. */
    static final long MIN_HISTORY_MICROS = LogTime.MICROS_PER_SECOND;
    static final int MIN_SAMPLES = 3;
    /**
     * Growth that resumes after at least this long, and {@link #IDLE_SAMPLES} samples, without any
     * starts a burst: a gap of a few polls between steady writes is not one.
     */
    static final long IDLE_GAP_MICROS = LogTime.MICROS_PER_SECOND;
    static final int IDLE_SAMPLES = 3;
    private static final int MAX_POINTS = 1 << 16;
    /** Whole-cycle windows a bursty prediction takes the median of. */
    private static final int MAX_CYCLE_WINDOWS = 9;

    private long[] micros = new long[256];
    private long[] sectors = new long[256];
    /** Points in use are [head, size): dropping old points moves head; the arrays are compacted when half is dropped. */
    private int head;
    private int size;
    private long[] resumed = new long[64];
    private int resumes;
    private long growthFromMicros = Long.MIN_VALUE;
    private long lastGrowthMicros = Long.MIN_VALUE;
    private int samplesSinceGrowth;
    private int idleSamples;

    void clear() {
        head = 0;
        size = 0;
        resumes = 0;
        growthFromMicros = Long.MIN_VALUE;
        lastGrowthMicros = Long.MIN_VALUE;
        samplesSinceGrowth = 0;
        idleSamples = 0;
    }

    boolean isEmpty() {
        return size == head;
    }

    long lastSectors() {
        return sectors[size - 1];
    }

    /** Adds a working sample's data sectors (never less than the last: a drop is a new snapshot, cleared before). */
    void add(long atMicros, long dataSectors) {
        if (size > head && dataSectors > sectors[size - 1]) {
            if (growthFromMicros == Long.MIN_VALUE) {
                growthFromMicros = micros[size - 1];
            } else if (micros[size - 1] - lastGrowthMicros >= IDLE_GAP_MICROS && idleSamples >= IDLE_SAMPLES) {
                addResume(atMicros);
            }
            lastGrowthMicros = atMicros;
            idleSamples = 0;
        } else {
            idleSamples++;
        }
        if (growthFromMicros != Long.MIN_VALUE) {
            samplesSinceGrowth++;
        }
        dropOlderThan(atMicros - MAX_WINDOW_MICROS);
        if (size == micros.length && head > 0) {
            compact();
        }
        if (size == micros.length) {
            if (size >= MAX_POINTS) {
                thin();
            } else {
                micros = Arrays.copyOf(micros, size * 2);
                sectors = Arrays.copyOf(sectors, size * 2);
            }
        }
        micros[size] = atMicros;
        sectors[size] = dataSectors;
        size++;
    }

    /** Sectors per second over the window, or NaN when the growth has not been seen long enough. */
    double sectorsPerSecond() {
        int[] starts = starts();
        if (starts.length == 0) {
            return Double.NaN;
        }
        long dt = micros[size - 1] - micros[starts[0]];
        return dt <= 0 ? Double.NaN : (sectors[size - 1] - sectors[starts[0]]) * (double) LogTime.MICROS_PER_SECOND / dt;
    }

    /**
     * Microseconds from the last sample until {@code needed} more sectors are allocated, if the window
     * plays again; -1 when there is no window yet or it saw no growth. With bursts, the median over the
     * whole-cycle windows nearest the wanted length, so one slow burst does not decide the moment.
     */
    long microsUntilGrowth(long needed) {
        int[] starts = starts();
        long[] until = new long[starts.length];
        int n = 0;
        for (int from : starts) {
            long u = replay(from, needed);
            if (u >= 0) {
                until[n++] = u;
            }
        }
        if (n == 0) {
            return -1;
        }
        Arrays.sort(until, 0, n);
        return until[n / 2];
    }

    private long replay(int from, long needed) {
        if (needed <= 0) {
            return 0;
        }
        long span = micros[size - 1] - micros[from];
        long grown = sectors[size - 1] - sectors[from];
        if (grown <= 0 || span <= 0) {
            return -1;
        }
        long wholeWindows = (needed - 1) / grown;
        long rest = needed - wholeWindows * grown; // 1..grown
        long into = micros[firstAtLeast(from, sectors[from] + rest)] - micros[from];
        if (wholeWindows > Long.MAX_VALUE / 4 / span) {
            return Long.MAX_VALUE / 2;
        }
        return wholeWindows * span + into;
    }

    /**
     * Where the windows to play start, best first: none before the rate can be told; one for a steady
     * writer; for a bursty one up to {@link #MAX_CYCLE_WINDOWS}, each a whole number of burst cycles
     * back (nearest the wanted length first) at the same point of its cycle as now: as far into the
     * cycle's growth, and as long after that growth as now is after the last.
     */
    private int[] starts() {
        if (growthFromMicros == Long.MIN_VALUE || samplesSinceGrowth < MIN_SAMPLES - 1) {
            return new int[0];
        }
        long now = micros[size - 1];
        long elapsed = now - growthFromMicros;
        if (elapsed < MIN_HISTORY_MICROS) {
            return new int[0];
        }
        long wanted = Math.min(elapsed, Math.max(MIN_WINDOW_MICROS, Math.min(MAX_WINDOW_MICROS, elapsed / 2)));
        long last = resumes == 0 ? 0 : resumed[resumes - 1];
        Integer[] cycles = new Integer[Math.max(0, resumes - 1)];
        int n = 0;
        for (int i = resumes - 2; i >= 0; i--) {
            long span = last - resumed[i];
            if (span >= wanted / 2 && span <= Math.min(elapsed, MAX_WINDOW_MICROS) && resumed[i] >= micros[head]) {
                cycles[n++] = i;
            }
        }
        if (n == 0) {
            return new int[] {lastAtOrBefore(now - wanted)};
        }
        long progress = sectors[size - 1] - sectorsBefore(last);
        long idle = now - lastGrowthMicros;
        return Arrays.stream(cycles, 0, n)
                .sorted((a, b) -> Long.compare(Math.abs(last - resumed[a] - wanted), Math.abs(last - resumed[b] - wanted)))
                .limit(MAX_CYCLE_WINDOWS)
                .mapToInt(i -> lastAtOrBefore(idle + micros[
                        firstAtLeast(lastAtOrBefore(resumed[i]), sectorsBefore(resumed[i]) + progress)]))
                .toArray();
    }

    /** Data sectors just before the sample at {@code at} (the level a burst started from). */
    private long sectorsBefore(long at) {
        int i = lastAtOrBefore(at);
        return sectors[Math.max(head, micros[i] >= at ? i - 1 : i)];
    }

    private void addResume(long at) {
        while (resumes > 0 && at - resumed[0] > MAX_WINDOW_MICROS) {
            System.arraycopy(resumed, 1, resumed, 0, --resumes);
        }
        if (resumes == resumed.length) {
            if (resumes >= MAX_POINTS) {
                System.arraycopy(resumed, 1, resumed, 0, --resumes);
            } else {
                resumed = Arrays.copyOf(resumed, resumes * 2);
            }
        }
        resumed[resumes++] = at;
    }

    private int firstAtLeast(int from, long value) {
        int lo = from;
        int hi = size - 1; // sectors[size - 1] >= value by the caller's arithmetic
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sectors[mid] >= value) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private int lastAtOrBefore(long at) {
        int i = Arrays.binarySearch(micros, head, size, at);
        if (i >= 0) {
            while (i + 1 < size && micros[i + 1] == at) {
                i++;
            }
            return i;
        }
        return Math.max(head, -i - 2);
    }

    /** Keeps one point at or before {@code limit} (a window's far end) and everything after it. */
    private void dropOlderThan(long limit) {
        int keepFrom = lastAtOrBefore(limit);
        if (keepFrom > head && micros[head] < limit) {
            head = keepFrom;
            if (head >= (size >>> 1)) {
                compact(); // amortised: each point is moved at most once per halving
            }
        }
    }

    private void compact() {
        System.arraycopy(micros, head, micros, 0, size - head);
        System.arraycopy(sectors, head, sectors, 0, size - head);
        size -= head;
        head = 0;
    }

    private void thin() {
        compact();
        int n = 0;
        for (int i = 0; i < size; i += 2) {
            micros[n] = micros[i];
            sectors[n] = sectors[i];
            n++;
        }
        if (micros[n - 1] != micros[size - 1]) { // keep the newest
            micros[n] = micros[size - 1];
            sectors[n] = sectors[size - 1];
            n++;
        }
        size = n;
    }
}
