package dev.cowscope.merge;

/**
 * How long the kernel's merge takes at a given copy throughput and flush latency. Each step is
 * one kcopyd copy followed by two cache flushes that wait for the device: {@code blkdev_issue_flush}
 * of the origin and the REQ_PREFLUSH | REQ_FUA area write of {@code commit_merge}; the next copy
 * starts only after both. A table of scattered writes merges as many one-chunk steps, so the
 * flushes, not the bytes, set the time.
 *
 * @param throughputBytesPerSecond sustained copy rate the user assumes
 * @param flushLatencyMillis one cache flush / FUA write, as the user assumes
 * @param copySeconds all steps' copy time
 * @param flushSeconds all steps' flush time ({@code 2 × steps × latency})
 * @param totalSeconds copy plus flush time
 * @param singleChunkSteps steps that copy one chunk
 * @param effectiveBytesPerSecond bytes merged per second of total time
 */
public record MergeEstimate(double throughputBytesPerSecond, double flushLatencyMillis, double copySeconds,
                            double flushSeconds, double totalSeconds, long singleChunkSteps, double effectiveBytesPerSecond) {

    public static final int FLUSHES_PER_STEP = 2;

    public static MergeEstimate of(MergeTotals totals, double throughputBytesPerSecond, double flushLatencyMillis) {
        if (!(throughputBytesPerSecond > 0) || !(flushLatencyMillis >= 0)) {
            throw new IllegalArgumentException("throughput must be positive and flush latency not negative");
        }
        double copy = totals.bytesWritten() / throughputBytesPerSecond;
        double flush = totals.steps() * FLUSHES_PER_STEP * flushLatencyMillis / 1000.0;
        double total = copy + flush;
        double effective = total == 0 ? throughputBytesPerSecond : totals.bytesWritten() / total;
        return new MergeEstimate(throughputBytesPerSecond, flushLatencyMillis, copy, flush, total, totals.singleChunkSteps(), effective);
    }

    /** Time until {@code steps} steps that copied {@code bytesCopied} are committed: copies plus two flushes each. */
    public double secondsAfter(long bytesCopied, long steps) {
        return bytesCopied / throughputBytesPerSecond + steps * FLUSHES_PER_STEP * flushLatencyMillis / 1000.0;
    }

    /** Share of the time spent waiting for flushes, 0..1. */
    public double flushShare() {
        return totalSeconds == 0 ? 0 : flushSeconds / totalSeconds;
    }
}
