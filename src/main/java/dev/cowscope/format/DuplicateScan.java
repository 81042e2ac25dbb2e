package dev.cowscope.format;

import java.util.Arrays;

/**
 * Finds the old chunks that more than one entry remaps, without sorting when it can: a bitmap over
 * the old-chunk range when that range is small next to the table (the usual case: origin chunks),
 * otherwise a sort of a copy of the keys.
 * <p>
 * The bitmap test runs on two threads for a large table (each pass splits the entries or the
 * buckets in two): it is on the parse's critical path, after the walk, when both cores are free.
 */
final class DuplicateScan {
    /** Bitmap bytes allowed per exception before we sort instead. */
    private static final long MAX_BITMAP_BYTES_PER_ENTRY = 8;
    /** Each bucket covers 2^20 chunks: a 128 KiB bitmap, which stays in cache. */
    private static final int BUCKET_RANGE_BITS = 20;
    /** Tables smaller than this are scanned on the caller's thread alone (a thread costs ~0.1 ms). */
    static final int PARALLEL_MIN_ENTRIES = 1 << 18;

    private DuplicateScan() {
        throw new AssertionError("no instances");
    }

    /** The duplicated old chunks, ascending (unsigned), each once. */
    static long[] duplicatedOldChunks(ExceptionTable table) {
        int n = table.size();
        if (n < 2) {
            return new long[0];
        }
        ChunkColumn column = table.oldChunkColumn();
        long[] maxAndOr = new long[2];
        column.forEachRun(0, n, (values, from, to) -> {
            long max = maxAndOr[0];
            long or = maxAndOr[1];
            for (int i = from; i < to; i++) {
                max = Math.max(max, values[i]);
                or |= values[i];
            }
            maxAndOr[0] = max;
            maxAndOr[1] = or;
        });
        long max = maxAndOr[1] < 0 ? -1 : maxAndOr[0]; // a chunk >= 2^63 (unsigned): never a bitmap
        // buckets index an int[]: keep the bucket count within reach, else sort
        if (max >= 0 && max / 8 <= MAX_BITMAP_BYTES_PER_ENTRY * n && (max >>> BUCKET_RANGE_BITS) < (1 << 24)) {
            return withBitmap(column, n, max + 1);
        }
        return withSort(table);
    }

    /**
     * Bitmap test over {@code [0, range)}, cache-friendly: the keys are first scattered into
     * buckets by their high bits (two sequential passes), then each bucket is checked against a
     * bitmap small enough to stay in cache.
     */
    private static long[] withBitmap(ChunkColumn column, int n, long range) {
        int rangeBits = Math.max(6, 64 - Long.numberOfLeadingZeros(range - 1));
        int shift = Math.min(BUCKET_RANGE_BITS, rangeBits);
        int buckets = 1 << (rangeBits - shift);
        int parts = n >= PARALLEL_MIN_ENTRIES ? 2 : 1;
        int[] partStart = {0, n / 2, n};
        if (parts == 1) {
            partStart[1] = n;
        }
        // counts per bucket, per half of the table
        int[][] counts = new int[parts][buckets];
        Parallel.run("cowscope-duplicate-scan", parts, part -> column.forEachRun(partStart[part], partStart[part + 1], (values, from, to) -> {
            int[] count = counts[part];
            for (int i = from; i < to; i++) {
                count[(int) (values[i] >>> shift)]++;
            }
        }));
        // bucket b holds the first half's keys, then the second half's: disk order inside a bucket
        int[] start = new int[buckets + 1];
        int[][] fill = new int[parts][buckets];
        for (int b = 0; b < buckets; b++) {
            int at = start[b];
            for (int part = 0; part < parts; part++) {
                fill[part][b] = at;
                at += counts[part][b];
            }
            start[b + 1] = at;
        }
        int[] low = new int[n];
        long lowMask = (1L << shift) - 1;
        Parallel.run("cowscope-duplicate-scan", parts, part -> column.forEachRun(partStart[part], partStart[part + 1], (values, from, to) -> {
            int[] next = fill[part];
            for (int i = from; i < to; i++) {
                long old = values[i];
                low[next[(int) (old >>> shift)]++] = (int) (old & lowMask);
            }
        }));
        // the buckets split in two runs of about n/2 keys each, one bitmap per thread
        int[] bucketSplit = {0, buckets, buckets};
        if (parts == 2) {
            int middle = 0;
            while (middle < buckets && start[middle + 1] <= n / 2) {
                middle++;
            }
            bucketSplit[1] = middle;
        }
        LongList[] found = new LongList[parts];
        Parallel.run("cowscope-duplicate-scan", parts, part -> {
            long[] bits = new long[(1 << shift) >>> 6];
            LongList duplicates = new LongList();
            for (int b = bucketSplit[part]; b < bucketSplit[part + 1]; b++) {
                for (int k = start[b]; k < start[b + 1]; k++) {
                    int v = low[k];
                    long mask = 1L << v;
                    if ((bits[v >>> 6] & mask) != 0) {
                        duplicates.add(((long) b << shift) | v);
                    }
                    bits[v >>> 6] |= mask;
                }
                for (int k = start[b]; k < start[b + 1]; k++) {
                    bits[low[k] >>> 6] = 0;
                }
            }
            found[part] = duplicates;
        });
        for (int part = 1; part < parts; part++) {
            for (int i = 0; i < found[part].size(); i++) {
                found[0].add(found[part].get(i));
            }
        }
        return found[0].sortedDistinct();
    }

    private static long[] withSort(ExceptionTable table) {
        long[] keys = new long[table.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = table.oldChunk(i) ^ Long.MIN_VALUE; // signed order of flipped keys = unsigned order
        }
        Arrays.sort(keys);
        LongList found = new LongList();
        for (int i = 1; i < keys.length; i++) {
            if (keys[i] == keys[i - 1] && (found.size == 0 || found.last() != (keys[i] ^ Long.MIN_VALUE))) {
                found.add(keys[i] ^ Long.MIN_VALUE);
            }
        }
        return found.sortedDistinct();
    }

    /** The distinct groups ({@code chunk >>> shift}) of ascending chunks, sign-flipped for binary search. */
    static long[] groupsOf(long[] ascendingChunks, int shift) {
        LongList groups = new LongList();
        for (long chunk : ascendingChunks) {
            long group = chunk >>> shift;
            if (groups.size() == 0 || groups.last() != group) {
                groups.add(group);
            }
        }
        long[] flipped = new long[groups.size()];
        for (int i = 0; i < flipped.length; i++) {
            flipped[i] = groups.get(i) ^ Long.MIN_VALUE;
        }
        Arrays.sort(flipped);
        return flipped;
    }

    /** A small growable list of ints. */
    static final class IntList {
        private int[] values = new int[4];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    /** A small growable list of longs. */
    static final class LongList {
        private long[] values = new long[8];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long last() {
            return values[size - 1];
        }

        int size() {
            return size;
        }

        long get(int i) {
            return values[i];
        }

        long[] sortedDistinct() {
            long[] v = Arrays.copyOf(values, size);
            for (int i = 0; i < v.length; i++) {
                v[i] ^= Long.MIN_VALUE;
            }
            Arrays.sort(v);
            int out = 0;
            for (int i = 0; i < v.length; i++) {
                if (i == 0 || v[i] != v[i - 1]) {
                    v[out++] = v[i];
                }
            }
            long[] result = Arrays.copyOf(v, out);
            for (int i = 0; i < result.length; i++) {
                result[i] ^= Long.MIN_VALUE;
            }
            return result;
        }
    }
}
