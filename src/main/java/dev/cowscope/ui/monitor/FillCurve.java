package dev.cowscope.ui.monitor;

import dev.cowscope.format.SnapshotStatus;
import dev.cowscope.monitor.FillPoint;
import java.util.Arrays;

/**
 * What the Monitor chart draws, as primitive arrays: the fill in percent over time (thinned to at
 * most {@link #MAX_POINTS}, keeping each pair's higher value so a peak is never lost), the moment
 * the snapshot was lost, and the loss predicted at the last working sample. Immutable once built.
 *
 * @param micros sample times
 * @param percent fill in percent at each time
 * @param size points used
 * @param lostMicros when it became Invalid/Overflow/Merge failed, or {@link FillPoint#NEVER}
 * @param lostWord what the kernel printed then
 * @param nowMicros the last sample's time
 * @param predictedLossMicros the last working sample's predicted loss, or {@link FillPoint#NEVER}
 */
public record FillCurve(long[] micros, double[] percent, int size, long lostMicros, String lostWord,
                        long nowMicros, long predictedLossMicros) {
    public static final int MAX_POINTS = 1 << 13;
    public static final FillCurve EMPTY = new FillCurve(new long[0], new double[0], 0, FillPoint.NEVER, "", FillPoint.NEVER,
            FillPoint.NEVER);

    public long firstMicros() {
        return size == 0 ? FillPoint.NEVER : micros[0];
    }

    /** Collects points as they come (a log read or a live watch) and gives immutable curves. */
    public static final class Builder {
        private long[] micros = new long[256];
        private double[] percent = new double[256];
        private int size;
        private int stride = 1;
        private int skipped;
        private long lost = FillPoint.NEVER;
        private String lostWord = "";
        private long now = FillPoint.NEVER;
        private long predicted = FillPoint.NEVER;

        public void add(FillPoint p) {
            now = p.micros();
            if (!p.status().isActive()) {
                if (lost == FillPoint.NEVER && p.status().state() != SnapshotStatus.State.UNKNOWN) {
                    lost = p.micros();
                    lostWord = p.status().params();
                }
                predicted = FillPoint.NEVER;
                return;
            }
            predicted = p.fullAtMicros();
            double pct = p.status().percentFull();
            if (++skipped < stride && size > 0) {
                percent[size - 1] = Math.max(percent[size - 1], pct);
                return;
            }
            skipped = 0;
            if (size == micros.length) {
                if (size >= MAX_POINTS) {
                    halve();
                } else {
                    micros = Arrays.copyOf(micros, size * 2);
                    percent = Arrays.copyOf(percent, size * 2);
                }
            }
            micros[size] = p.micros();
            percent[size] = pct;
            size++;
        }

        /** Keeps every second point (the higher of each pair) and takes half as many from now on. */
        private void halve() {
            int n = 0;
            for (int i = 0; i + 1 < size; i += 2) {
                micros[n] = micros[i];
                percent[n] = Math.max(percent[i], percent[i + 1]);
                n++;
            }
            size = n;
            stride *= 2;
        }

        public FillCurve build() {
            return new FillCurve(Arrays.copyOf(micros, size), Arrays.copyOf(percent, size), size, lost, lostWord, now, predicted);
        }
    }
}
