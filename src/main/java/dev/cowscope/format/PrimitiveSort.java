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
     * the pairs are packed into {@code keys} itself and sorted by an LSD radix sort on 11-bit digits,
     * skipping digits all pairs share: a few linear passes instead of n log n compares. Needs one
     * more long per pair for a moment; without room for it, the in-place quicksort does the work.
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
        for (int i = 0; i < n; i++) {
            keys[i] = keys[i] << indexBits | index[i];
        }
        long[] from = keys;
        long[] to = new long[n];
        long any = 0;
        long all = -1;
        for (long v : keys) {
            any |= v;
            all &= v;
        }
        int[] count = new int[1 << DIGIT_BITS];
        for (int shift = 0; shift < 64; shift += DIGIT_BITS) {
            if (((any ^ all) >>> shift & DIGIT_MASK) == 0) {
                continue; // every pair has this digit: the order stays
            }
            Arrays.fill(count, 0);
            for (long v : from) {
                count[(int) (v >>> shift & DIGIT_MASK)]++;
            }
            for (int d = 0, sum = 0; d < count.length; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (long v : from) {
                to[count[(int) (v >>> shift & DIGIT_MASK)]++] = v;
            }
            long[] swap = from;
            from = to;
            to = swap;
        }
        long indexMask = (1L << indexBits) - 1;
        for (int i = 0; i < n; i++) {
            long v = from[i];
            index[i] = (int) (v & indexMask);
            keys[i] = v >>> indexBits;
        }
        return true;
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
