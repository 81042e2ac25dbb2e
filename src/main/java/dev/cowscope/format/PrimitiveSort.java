package dev.cowscope.format;

import java.util.Arrays;

/**
 * Sorts an index permutation by unsigned 64-bit keys without boxing (ties in index order, so
 * equal keys stay in disk order), and searches the sorted keys. Keys are compared unsigned, as the
 * kernel's {@code chunk_t}.
 */
final class PrimitiveSort {
    private static final int INSERTION_THRESHOLD = 24;
    /** Radix digit: 2048 buckets keep the counts and the write positions in the first-level caches. */
    private static final int DIGIT_BITS = 11;
    private static final long DIGIT_MASK = (1L << DIGIT_BITS) - 1;

    private PrimitiveSort() {
        throw new AssertionError("no instances");
    }

    /** The first position in {@code sorted[from, to)} (ascending, unsigned) whose key is at least {@code key}. */
    static int lowerBound(long[] sorted, int from, int to, long key) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(sorted[mid], key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Sorts {@code keys} and permutes {@code index} alongside, ordered by (unsigned key, index). */
    static void sort(long[] keys, int[] index) {
        if (!radixSort(keys, index)) {
            quicksort(keys, index);
        }
    }

    /**
     * The fast path: when every (key, index) pair fits one non-negative long as {@code key << b | index}
     * (keys below 2^(63-b), indexes below 2^b: origin chunk numbers and table positions always are),
     * the pairs are packed into {@code keys} itself and radix sorted: one pass over memory distributes
     * them into 4096 buckets by their top differing bits, then each bucket, small enough for the caches,
     * is sorted by LSD radix on 11-bit digits, skipping digits its pairs share; buckets are split
     * between two threads when there are many. A few linear passes instead of n log n compares. Needs
     * one more long per pair for a moment; without room for it, the in-place quicksort does the work.
     */
    private static boolean radixSort(long[] keys, int[] index) {
        int n = keys.length;
        if (n < 1024) {
            return false; // a quicksort of this is already instant
        }
        int maxIndex = 0;
        long maxKey = 0;
        for (int i = 0; i < n; i++) {
            maxIndex = Math.max(maxIndex, index[i]);
            if (keys[i] < 0 || index[i] < 0) {
                return false;
            }
            maxKey = Math.max(maxKey, keys[i]);
        }
        int indexBits = 64 - Long.numberOfLeadingZeros(maxIndex);
        if (maxKey >= 1L << (63 - indexBits) || Runtime.getRuntime().maxMemory() - usedMemory() < 16L * n) {
            return false;
        }
        long any = 0;
        long all = -1;
        for (int i = 0; i < n; i++) {
            long v = keys[i] << indexBits | index[i];
            keys[i] = v;
            any |= v;
            all &= v;
        }
        int high = 64 - Long.numberOfLeadingZeros(any ^ all); // bits above this one all pairs share
        long[] sorted = keys;
        if (high > 0) {
            sorted = new long[n];
            int topShift = Math.max(0, high - TOP_BITS);
            int[] bucketStart = distribute(keys, sorted, topShift);
            sortBuckets(sorted, keys, bucketStart, topShift);
        }
        long indexMask = (1L << indexBits) - 1;
        for (int i = 0; i < n; i++) {
            long v = sorted[i];
            index[i] = (int) (v & indexMask);
            keys[i] = v >>> indexBits;
        }
        return true;
    }

    /** Bits of the first (most significant) digit: 4096 buckets. */
    private static final int TOP_BITS = 12;
    /** Below this many pairs the buckets are sorted on one thread. */
    private static final int PARALLEL_PAIRS = 1 << 20;

    /** Moves {@code from} into {@code to} grouped by the top digit; returns each bucket's start (and the end, last). */
    private static int[] distribute(long[] from, long[] to, int topShift) {
        int buckets = 1 << TOP_BITS;
        int[] start = new int[buckets + 1];
        for (long v : from) {
            start[(int) (v >>> topShift) & (buckets - 1)]++;
        }
        for (int b = 0, sum = 0; b <= buckets; b++) {
            int c = start[b];
            start[b] = sum;
            sum += c;
        }
        int[] next = Arrays.copyOf(start, buckets);
        for (long v : from) {
            to[next[(int) (v >>> topShift) & (buckets - 1)]++] = v;
        }
        return start;
    }

    /** Sorts every bucket of {@code data} in place (by the bits below {@code topShift}), {@code scratch} as room. */
    private static void sortBuckets(long[] data, long[] scratch, int[] start, int topShift) {
        int buckets = start.length - 1;
        int n = start[buckets];
        if (n < PARALLEL_PAIRS || Runtime.getRuntime().availableProcessors() < 2) {
            sortBuckets(data, scratch, start, 0, buckets, topShift);
            return;
        }
        int split = 0;
        while (split < buckets && start[split] < n / 2) {
            split++;
        }
        int half = split;
        // the second half here, the first on a helper; the helper works on our arrays, so this waits for it
        Parallel.run("cowscope-sort", 2, part -> {
            if (part == 0) {
                sortBuckets(data, scratch, start, half, buckets, topShift);
            } else {
                sortBuckets(data, scratch, start, 0, half, topShift);
            }
        });
    }

    private static void sortBuckets(long[] data, long[] scratch, int[] start, int fromBucket, int toBucket, int topShift) {
        int[] count = new int[1 << DIGIT_BITS];
        for (int b = fromBucket; b < toBucket; b++) {
            int lo = start[b];
            int hi = start[b + 1];
            if (hi - lo < INSERTION_THRESHOLD * 2) {
                insertionSort(data, lo, hi);
            } else {
                lsd(data, scratch, lo, hi, topShift, count);
            }
        }
    }

    /** LSD radix sort of {@code data[lo, hi)} on the bits below {@code bits}, skipping digits they all share. */
    private static void lsd(long[] data, long[] scratch, int lo, int hi, int bits, int[] count) {
        long any = 0;
        long all = -1;
        for (int i = lo; i < hi; i++) {
            any |= data[i];
            all &= data[i];
        }
        long[] from = data;
        long[] to = scratch;
        for (int shift = 0; shift < bits; shift += DIGIT_BITS) {
            long digitMask = shift + DIGIT_BITS > bits ? (1L << (bits - shift)) - 1 : DIGIT_MASK;
            if (((any ^ all) >>> shift & digitMask) == 0) {
                continue; // every pair of the bucket has this digit: the order stays
            }
            Arrays.fill(count, 0);
            for (int i = lo; i < hi; i++) {
                count[(int) (from[i] >>> shift & digitMask)]++;
            }
            for (int d = 0, sum = lo; d < count.length; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (int i = lo; i < hi; i++) {
                long v = from[i];
                to[count[(int) (v >>> shift & digitMask)]++] = v;
            }
            long[] swap = from;
            from = to;
            to = swap;
        }
        if (from != data) {
            System.arraycopy(from, lo, data, lo, hi - lo);
        }
    }

    private static void insertionSort(long[] a, int lo, int hi) {
        for (int i = lo + 1; i < hi; i++) {
            long v = a[i];
            int j = i - 1;
            while (j >= lo && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    private static long usedMemory() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static void quicksort(long[] keys, int[] index) {
        // Flip the sign bit once so signed comparison orders the keys as unsigned.
        for (int i = 0; i < keys.length; i++) {
            keys[i] ^= Long.MIN_VALUE;
        }
        quicksort(keys, index, 0, keys.length - 1);
        for (int i = 0; i < keys.length; i++) {
            keys[i] ^= Long.MIN_VALUE;
        }
    }

    private static void quicksort(long[] k, int[] x, int lo, int hi) {
        while (hi - lo > INSERTION_THRESHOLD) {
            int mid = (lo + hi) >>> 1;
            // median of three as the pivot, moved to hi
            if (less(k, x, mid, lo)) {
                swap(k, x, mid, lo);
            }
            if (less(k, x, hi, lo)) {
                swap(k, x, hi, lo);
            }
            if (less(k, x, mid, hi)) {
                swap(k, x, mid, hi);
            }
            long pk = k[hi];
            int px = x[hi];
            int store = lo;
            for (int i = lo; i < hi; i++) {
                if (k[i] < pk || (k[i] == pk && x[i] < px)) {
                    swap(k, x, i, store++);
                }
            }
            swap(k, x, store, hi);
            // recurse into the smaller side so the stack stays O(log n)
            if (store - lo < hi - store) {
                quicksort(k, x, lo, store - 1);
                lo = store + 1;
            } else {
                quicksort(k, x, store + 1, hi);
                hi = store - 1;
            }
        }
        for (int i = lo + 1; i <= hi; i++) {
            long kk = k[i];
            int xx = x[i];
            int j = i - 1;
            while (j >= lo && (k[j] > kk || (k[j] == kk && x[j] > xx))) {
                k[j + 1] = k[j];
                x[j + 1] = x[j];
                j--;
            }
            k[j + 1] = kk;
            x[j + 1] = xx;
        }
    }

    private static boolean less(long[] k, int[] x, int a, int b) {
        return k[a] < k[b] || (k[a] == k[b] && x[a] < x[b]);
    }

    private static void swap(long[] k, int[] x, int a, int b) {
        long tk = k[a];
        k[a] = k[b];
        k[b] = tk;
        int tx = x[a];
        x[a] = x[b];
        x[b] = tx;
    }
}
