package dev.cowscope.format;

/**
 * Sorts an index permutation by unsigned 64-bit keys without boxing (ties in index order, so
 * equal keys stay in disk order), and searches the sorted keys. Keys are compared unsigned, as the
 * kernel's {@code chunk_t}.
 */
final class PrimitiveSort {
    private static final int INSERTION_THRESHOLD = 24;

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
