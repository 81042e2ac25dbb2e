package dev.cowscope.android;

import java.util.Arrays;

/**
 * Where each v2 op lies, kept as runs of ops back to back (one run a cluster) rather than an offset an op: the
 * findings need it, rarely.
 */
final class V2OpPlaces {
    private int[] firstOps = new int[16];
    private long[] starts = new long[16];
    private int runs;
    private int count;
    private long next = -1;

    /** Op {@code index} (one more than the last added) lies at {@code offset}. */
    void add(int index, long offset) {
        if (offset != next) {
            if (runs == firstOps.length) {
                int grown = (int) Math.min(Integer.MAX_VALUE - 16, runs + (runs >> 1) + 16L);
                firstOps = Arrays.copyOf(firstOps, grown);
                starts = Arrays.copyOf(starts, grown);
            }
            firstOps[runs] = index;
            starts[runs++] = offset;
        }
        next = offset + AndroidCowParser.V2_OP_BYTES;
        count = index + 1;
    }

    /** Ops {@code first} to {@code first + count - 1} (one more than the last added on) lie back to back from {@code offset}. */
    void addRun(int first, int count, long offset) {
        if (count > 0) {
            add(first, offset);
            next = offset + (long) count * AndroidCowParser.V2_OP_BYTES;
            this.count = first + count;
        }
    }

    /** Where op {@code index} lies, -1 if it was not added. */
    long offset(int index) {
        if (index < 0 || index >= count) {
            return -1;
        }
        int run = Arrays.binarySearch(firstOps, 0, runs, index);
        if (run < 0) {
            run = -run - 2; // the run that starts before it
        }
        return run < 0 ? -1 : starts[run] + (long) (index - firstOps[run]) * AndroidCowParser.V2_OP_BYTES;
    }
}
