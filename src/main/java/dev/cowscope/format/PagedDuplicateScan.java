package dev.cowscope.format;

import java.util.concurrent.LinkedBlockingQueue;

/**
 * The duplicate old-chunk scan done during the walk instead of after it (issue 16: keep the scan
 * off the critical path). The walk hands over each full page of the old-chunk column; a worker
 * thread sorts the page's keys into buckets of 2^16 chunks (a counting sort inside the page)
 * while the walk waits for its reads. After the walk only the last page and the bitmap test
 * remain. Keys of 2^32 or more (past a 16 TiB origin at 4 KiB chunks; the column widens) make it give up, and the
 * caller runs {@link DuplicateScan} on the whole table instead: the answer is the same either way.
 */
final class PagedDuplicateScan implements AutoCloseable {
    /** Each bucket covers 2^16 chunks: its bitmap is 8 KiB. */
    private static final int SHIFT = 16;
    private static final Object[] STOP = new Object[0];
    /** Full pages' key arrays (2 MiB each) kept for the next scan: enough for a table of 16 M entries. */
    private static final Spares<char[]> SPARE_LOWS = Spares.ofChars(16);

    private final ChunkColumn column;
    private final int pageSize;
    private final LinkedBlockingQueue<Object[]> pages = new LinkedBlockingQueue<>(); // {index, int[] page}, or STOP
    private final Thread worker;
    // per page: bucket starts and the low 16 bits of its keys grouped by bucket (2 bytes a key)
    private final java.util.List<int[]> starts = new java.util.ArrayList<>();
    private final java.util.List<char[]> lows = new java.util.ArrayList<>();
    private volatile boolean gaveUp;
    private int handedOver;

    PagedDuplicateScan(ChunkColumn column) {
        this.column = column;
        this.pageSize = ChunkColumn.PAGE_SIZE;
        worker = new Thread(this::work, "cowscope-duplicate-scan");
        worker.setDaemon(true);
        worker.start();
    }

    /** Hands over every page the column has filled since the last call (cheap: call it per batch). */
    void pagesFilled() {
        while (!gaveUp && (long) (handedOver + 1) * pageSize <= column.size()) {
            int[] page = column.narrowPage(handedOver); // the array itself: the column's page table may grow meanwhile
            if (page == null) {
                gaveUp = true; // the column widened: a key of 2^32 or more
                return;
            }
            pages.add(new Object[] {handedOver, page});
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
                    bucketPage((Integer) next[0], (int[]) next[1], pageSize);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) { // an OutOfMemoryError bucketing a page: the caller scans the whole table instead
            gaveUp = true;
        }
    }

    /**
     * Counting sort of page {@code page}'s first {@code count} keys ({@code values}, unsigned) by
     * bucket: as many buckets as the page's largest key needs, each key kept as its low 16 bits.
     */
    private void bucketPage(int page, int[] values, int count) {
        int or = 0;
        for (int i = 0; i < count; i++) {
            or |= values[i];
        }
        int[] start = new int[(or >>> SHIFT) + 2];
        for (int i = 0; i < count; i++) {
            start[(values[i] >>> SHIFT) + 1]++;
        }
        for (int k = 1; k < start.length; k++) {
            start[k] += start[k - 1];
        }
        int[] fill = java.util.Arrays.copyOf(start, start.length - 1);
        char[] low = count == pageSize ? SPARE_LOWS.take(count) : new char[count]; // every element is written below
        for (int i = 0; i < count; i++) {
            int v = values[i];
            low[fill[v >>> SHIFT]++] = (char) v;
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
        if (!column.isNarrow()) {
            return null; // a key of 2^32 or more arrived after the last full page
        }
        for (int page = handedOver; (long) page * pageSize < n; page++) {
            bucketPage(page, column.narrowPage(page), Math.min(pageSize, n - page * pageSize));
        }
        int pageCount = (n + pageSize - 1) / pageSize;
        int[][] start = new int[pageCount][];
        char[][] low = new char[pageCount][];
        int buckets = 0;
        for (int p = 0; p < pageCount; p++) {
            start[p] = starts.get(p);
            low[p] = lows.get(p);
            buckets = Math.max(buckets, start[p].length - 1);
        }
        // the buckets in two runs of about n/2 keys, one bitmap per thread
        int split = 0;
        long seen = 0;
        while (split < buckets && seen < n / 2) {
            for (int p = 0; p < pageCount; p++) {
                seen += keysIn(start[p], split);
            }
            split++;
        }
        int parts = n >= DuplicateScan.PARALLEL_MIN_ENTRIES ? 2 : 1;
        int[] bounds = {0, parts == 2 ? split : buckets, buckets};
        DuplicateScan.LongList[] found = new DuplicateScan.LongList[2];
        int bucketCount = buckets;
        Parallel.run("cowscope-duplicate-scan", parts, part -> {
            long[] bits = new long[(1 << SHIFT) >>> 6]; // 8 KiB: stays in the first-level cache
            DuplicateScan.LongList duplicates = new DuplicateScan.LongList();
            for (int b = bounds[part]; b < Math.min(bounds[part + 1], bucketCount); b++) {
                int inBucket = 0;
                for (int p = 0; p < pageCount; p++) {
                    if (b + 1 >= start[p].length) {
                        continue;
                    }
                    char[] keys = low[p];
                    inBucket += start[p][b + 1] - start[p][b];
                    for (int k = start[p][b]; k < start[p][b + 1]; k++) {
                        int v = keys[k];
                        long mask = 1L << v;
                        if ((bits[v >>> 6] & mask) != 0) {
                            duplicates.add(((long) b << SHIFT) | v);
                        }
                        bits[v >>> 6] |= mask;
                    }
                }
                clear(bits, inBucket, b, start, low);
            }
            found[part] = duplicates;
        });
        spareLows();
        if (found[1] != null) {
            for (int i = 0; i < found[1].size(); i++) {
                found[0].add(found[1].get(i));
            }
        }
        return found[0].sortedDistinct();
    }

    /** Clears the bitmap after bucket {@code b}: word by word if the bucket had many keys, else key by key. */
    private static void clear(long[] bits, int keys, int b, int[][] start, char[][] low) {
        if (keys >= bits.length / 4) {
            java.util.Arrays.fill(bits, 0L);
            return;
        }
        for (int p = 0; p < start.length; p++) {
            if (b + 1 < start[p].length) {
                for (int k = start[p][b]; k < start[p][b + 1]; k++) {
                    bits[low[p][k] >>> 6] = 0;
                }
            }
        }
    }

    /** Keys of bucket {@code b} in a page with bucket starts {@code start} (none past the page's largest key). */
    private static int keysIn(int[] start, int b) {
        return b + 1 < start.length ? start[b + 1] - start[b] : 0;
    }

    private void stopWorker() {
        pages.add(STOP);
        Parallel.joinUninterruptibly(worker);
    }

    /** Stops the worker (the walk failed or was cancelled). */
    @Override
    public void close() {
        gaveUp = true; // the walk failed or finished: pages still queued need no bucketing
        stopWorker();
        spareLows();
    }

    /** After the worker stopped: the full pages' key arrays to the spares, once. */
    private synchronized void spareLows() {
        for (char[] low : lows) {
            if (low != null && low.length == pageSize) {
                SPARE_LOWS.give(low);
            }
        }
        lows.clear();
        starts.clear();
    }
}
