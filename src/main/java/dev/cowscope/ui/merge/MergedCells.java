package dev.cowscope.ui.merge;

import dev.cowscope.merge.MergePlan;
import dev.cowscope.merge.MergeStep;
import dev.cowscope.ui.map.ChunkCells;
import dev.cowscope.ui.map.ChunkPalette;
import dev.cowscope.ui.map.CowChunkRole;
import java.util.Arrays;

/**
 * The COW chunk map during a merge: the opened map's roles, with the data chunks of the first
 * {@code stepsDone} steps shown as {@link #MERGED}. An overlay, not a copy: one instance per
 * step costs nothing, the roles are looked up in the plan's COW ranges (sorted once).
 * Immutable, safe to read from the render thread.
 */
public final class MergedCells implements ChunkCells {
    /** The role number of a merged data chunk, after {@link CowChunkRole}'s. */
    public static final int MERGED = CowChunkRole.values().length;
    /** Merged: violet, far from the green of data still in the COW. */
    public static final int MERGED_ARGB = 0xFF8B5CF6;
    private static final int DATA = CowChunkRole.DATA.ordinal();

    private final ChunkCells base;
    private final Ranges ranges;
    private final int stepsDone;

    private MergedCells(ChunkCells base, Ranges ranges, int stepsDone) {
        this.base = base;
        this.ranges = ranges;
        this.stepsDone = stepsDone;
    }

    /** Prepares the ranges of {@code plan} over {@code base} (O(steps log steps)); nothing merged yet. */
    public static MergedCells of(ChunkCells base, MergePlan plan) {
        return new MergedCells(base, Ranges.of(plan), 0);
    }

    /** The same map after {@code steps} committed steps. */
    public MergedCells atStep(int steps) {
        return steps == stepsDone ? this : new MergedCells(base, ranges, steps);
    }

    public int stepsDone() {
        return stepsDone;
    }

    /** The chunk map's palette plus the merged colour; suspect still wins a pixel. */
    public static ChunkPalette palette() {
        CowChunkRole[] roles = CowChunkRole.values();
        int[] argb = new int[roles.length + 1];
        for (CowChunkRole role : roles) {
            argb[role.ordinal()] = role.argb();
        }
        argb[MERGED] = MERGED_ARGB;
        return new ChunkPalette(argb, CowChunkRole.SUSPECT.ordinal());
    }

    /** CSS colour of {@link #MERGED}. */
    public static String mergedWeb() {
        return String.format("#%06x", MERGED_ARGB & 0xFFFFFF);
    }

    /** The step that merges COW chunk {@code chunk}, or -1 when no step reads it. */
    public int stepMerging(long chunk) {
        int i = ranges.containing(chunk);
        return i < 0 ? -1 : ranges.step[i];
    }

    @Override
    public long chunkCount() {
        return base.chunkCount();
    }

    @Override
    public int roleCount() {
        return MERGED + 1;
    }

    @Override
    public int roleAt(long chunk) {
        int role = base.roleAt(chunk);
        if (role != DATA || stepsDone == 0) {
            return role;
        }
        int i = ranges.containing(chunk);
        return i >= 0 && ranges.step[i] < stepsDone ? MERGED : role;
    }

    @Override
    public int countRoles(long from, long to, int[] counts) {
        int[] local = new int[MERGED + 1];
        int uniform = base.countRoles(from, to, local);
        if (stepsDone > 0 && local[DATA] > 0) {
            int[] part = new int[MERGED + 1];
            for (int i = ranges.firstEndingAfter(from); i < ranges.size() && Long.compareUnsigned(ranges.start[i], to) < 0; i++) {
                if (ranges.step[i] >= stepsDone) {
                    continue;
                }
                long a = Math.max(from, ranges.start[i]);
                long b = Math.min(to, ranges.start[i] + ranges.length[i]);
                Arrays.fill(part, 0);
                base.countRoles(a, b, part);
                int moved = Math.min(part[DATA], local[DATA]);
                local[DATA] -= moved;
                local[MERGED] += moved;
            }
            long total = to - from;
            uniform = -1;
            for (int r = 0; r < local.length; r++) {
                if (local[r] == total) {
                    uniform = r;
                }
            }
        }
        for (int r = 0; r < local.length; r++) {
            counts[r] += local[r];
        }
        return uniform;
    }

    /** The steps' COW ranges sorted by first chunk: {@code start}, {@code length}, {@code step}. */
    private static final class Ranges {
        private final long[] start;
        private final int[] length;
        private final int[] step;

        private Ranges(long[] start, int[] length, int[] step) {
            this.start = start;
            this.length = length;
            this.step = step;
        }

        static Ranges of(MergePlan plan) {
            int n = plan.stepCount();
            long[] firsts = new long[n];
            int[] lengths = new int[n];
            for (int k = 0; k < n; k++) {
                MergeStep s = plan.step(k);
                firsts[k] = s.cowFirstChunk();
                lengths[k] = s.chunks();
            }
            int[] order = order(firsts);
            long[] start = new long[n];
            int[] length = new int[n];
            int[] step = new int[n];
            for (int i = 0; i < n; i++) {
                start[i] = firsts[order[i]];
                length[i] = lengths[order[i]];
                step[i] = order[i];
            }
            return new Ranges(start, length, step);
        }

        /**
         * Steps sorted by first COW chunk (unsigned). The kernel merges newest first and allocates
         * upwards, so the steps usually come in descending order: reversed without sorting.
         * Otherwise (first chunk, step) pairs are packed into longs when they fit, and sorted.
         */
        private static int[] order(long[] firsts) {
            int n = firsts.length;
            int[] order = new int[n];
            boolean descending = true;
            boolean small = n < (1 << 23);
            for (int k = 0; k < n; k++) {
                descending &= k == 0 || Long.compareUnsigned(firsts[k - 1], firsts[k]) > 0;
                small &= firsts[k] >= 0 && firsts[k] < (1L << 40);
                order[k] = n - 1 - k;
            }
            if (descending) {
                return order;
            }
            if (small) {
                long[] packed = new long[n];
                for (int k = 0; k < n; k++) {
                    packed[k] = firsts[k] << 23 | k;
                }
                Arrays.sort(packed);
                for (int i = 0; i < n; i++) {
                    order[i] = (int) (packed[i] & ((1 << 23) - 1));
                }
                return order;
            }
            Integer[] boxed = new Integer[n];
            for (int k = 0; k < n; k++) {
                boxed[k] = k;
            }
            Arrays.sort(boxed, (x, y) -> Long.compareUnsigned(firsts[x], firsts[y]));
            for (int i = 0; i < n; i++) {
                order[i] = boxed[i];
            }
            return order;
        }

        int size() {
            return start.length;
        }

        /** Index of the range holding {@code chunk}, or -1. */
        int containing(long chunk) {
            int i = lastStartingAtOrBefore(chunk);
            return i >= 0 && chunk - start[i] < length[i] ? i : -1;
        }

        /** First range that ends after {@code chunk} (ranges do not overlap, so ends are sorted too). */
        int firstEndingAfter(long chunk) {
            int i = lastStartingAtOrBefore(chunk);
            if (i < 0) {
                return 0;
            }
            return chunk - start[i] < length[i] ? i : i + 1;
        }

        private int lastStartingAtOrBefore(long chunk) {
            int lo = 0;
            int hi = start.length - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (Long.compareUnsigned(start[mid], chunk) <= 0) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found;
        }
    }
}
