package dev.cowscope.format;

import java.util.concurrent.LinkedBlockingQueue;

/**
 * The duplicate old-chunk scan done during the walk instead of after it (issue 16: keep the scan
 * off the critical path). The walk hands over each full page of the old-chunk column; a worker
 * thread sorts the page's keys into buckets of 2^20 chunks (a counting sort inside the page)
 * while the walk waits for its reads. After the walk only the last page and the bitmap test
 * remain. Keys of 2^32 or more (past a 16 TiB origin at 4 KiB chunks) make it give up, and the
 * caller runs {@link DuplicateScan} on the whole table instead: the answer is the same either way.
 */
final class PagedDuplicateScan implements AutoCloseable {
    private static final int SHIFT = 20;
    private static final int BUCKETS = 1 << 12;
    private static final Object[] STOP = new Object[0];

    private final LongColumn column;
    private final int pageSize;
    private final LinkedBlockingQueue<Object[]> pages = new LinkedBlockingQueue<>(); // {index, long[] page}, or STOP
    private final Thread worker;
    // per page: bucket starts (BUCKETS + 1) and the low 20 bits of its keys grouped by bucket
    private final java.util.List<int[]> starts = new java.util.ArrayList<>();
    private final java.util.List<int[]> lows = new java.util.ArrayList<>();
    private volatile boolean gaveUp;
    private int handedOver;

    PagedDuplicateScan(LongColumn column) {
        this.column = column;
        this.pageSize = LongColumn.PAGE_SIZE;
        worker = new Thread(this::work, "cowscope-duplicate-scan");
        worker.setDaemon(true);
        worker.start();
    }

    /** Hands over every page the column has filled since the last call (cheap: call it per batch). */
    void pagesFilled() {
        while (!gaveUp && (long) (handedOver + 1) * pageSize <= column.size()) {
            pages.add(new Object[] {handedOver, column.page(handedOver)}); // the array itself: the column's page table may grow meanwhile
            handedOver++;
        }
    }

    private void work() {
        try {
            while (true) {
                Object[] next = pages.take();
                if (next == STOP) {
                    return;
                }
                if (!gaveUp) {
                    bucketPage((Integer) next[0], (long[]) next[1], pageSize);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Counting sort of page {@code page}'s first {@code count} keys ({@code values}) by bucket. */
    private void bucketPage(int page, long[] values, int count) {
        long or = 0;
        for (int i = 0; i < count; i++) {
            or |= values[i];
        }
        if ((or >>> (SHIFT + 12)) != 0) { // a key >= 2^32, or negative
            gaveUp = true;
            return;
        }
        int[] start = new int[BUCKETS + 1];
        for (int i = 0; i < count; i++) {
            start[(int) (values[i] >>> SHIFT) + 1]++;
        }
        for (int k = 0; k < BUCKETS; k++) {
            start[k + 1] += start[k];
        }
        int[] fill = java.util.Arrays.copyOf(start, BUCKETS);
        int[] low = new int[count];
        for (int i = 0; i < count; i++) {
            long v = values[i];
            low[fill[(int) (v >>> SHIFT)]++] = (int) (v & ((1 << SHIFT) - 1));
        }
        synchronized (this) {
            while (starts.size() <= page) {
                starts.add(null);
                lows.add(null);
            }
            starts.set(page, start);
            lows.set(page, low);
        }
    }

    /**
     * The duplicated old chunks of the column's first {@code n} entries, ascending (unsigned), or
     * null when the keys were out of this scan's range (then scan the table as a whole).
     */
    long[] finish(int n) {
        stopWorker();
        if (gaveUp) {
            return null;
        }
        if (handedOver * (long) pageSize > n) {
            return null; // the table was cut below pages already handed over: not this scan's case
        }
        for (int page = handedOver; (long) page * pageSize < n; page++) {
            bucketPage(page, column.page(page), Math.min(pageSize, n - page * pageSize));
            if (gaveUp) {
                return null;
            }
        }
        int pageCount = (n + pageSize - 1) / pageSize;
        int[][] start = new int[pageCount][];
        int[][] low = new int[pageCount][];
        for (int p = 0; p < pageCount; p++) {
            start[p] = starts.get(p);
            low[p] = lows.get(p);
        }
        // the buckets in two runs of about n/2 keys, one bitmap per thread
        int split = 0;
        long seen = 0;
        while (split < BUCKETS && seen < n / 2) {
            for (int p = 0; p < pageCount; p++) {
                seen += start[p][split + 1] - start[p][split];
            }
            split++;
        }
        int[] bounds = {0, split, BUCKETS};
        DuplicateScan.LongList[] found = new DuplicateScan.LongList[2];
        Parallel.run("cowscope-duplicate-scan", n >= DuplicateScan.PARALLEL_MIN_ENTRIES ? 2 : 1, part -> {
            long[] bits = new long[(1 << SHIFT) >>> 6];
            DuplicateScan.LongList duplicates = new DuplicateScan.LongList();
            int to = n >= DuplicateScan.PARALLEL_MIN_ENTRIES ? bounds[part + 1] : BUCKETS;
            for (int b = bounds[part]; b < to; b++) {
                for (int p = 0; p < pageCount; p++) {
                    int[] keys = low[p];
                    for (int k = start[p][b]; k < start[p][b + 1]; k++) {
                        int v = keys[k];
                        long mask = 1L << v;
                        if ((bits[v >>> 6] & mask) != 0) {
                            duplicates.add(((long) b << SHIFT) | v);
                        }
                        bits[v >>> 6] |= mask;
                    }
                }
                for (int p = 0; p < pageCount; p++) {
                    int[] keys = low[p];
                    for (int k = start[p][b]; k < start[p][b + 1]; k++) {
                        bits[keys[k] >>> 6] = 0;
                    }
                }
            }
            found[part] = duplicates;
        });
        if (found[1] != null) {
            for (int i = 0; i < found[1].size(); i++) {
                found[0].add(found[1].get(i));
            }
        }
        return found[0].sortedDistinct();
    }

    private void stopWorker() {
        pages.add(STOP);
        Parallel.joinUninterruptibly(worker);
    }

    /** Stops the worker (the walk failed or was cancelled). */
    @Override
    public void close() {
        stopWorker();
    }
}
