package dev.cowscope.android;

import dev.cowscope.format.Progress;
import java.util.Arrays;

/**
 * Which op each block of the target partition is read from, as AOSP's {@code CompressedSnapshotReader}
 * decides it: every op but the metadata ones claims its new block (a multi-block v3 REPLACE
 * {@code 1 << compression_bits} blocks), kept as runs sorted by block with no overlap; where ops claim the
 * same block the later op in file order holds it. The one index behind the block maps and the target image. Memory
 * follows the ops, never the partition (a new block is a u32, so a hostile file could name blocks 4 G apart): 8 bytes
 * a run (16 where ops overlap and runs are cut), plus 8 a run per op type in use once a view counts blocks.
 */
public final class TargetBlocks {
    /** Per run, sorted: its first block (below 2^33) shifted left 31, or'ed with its op's index. */
    private final long[] keys;
    /** Per run its end (exclusive); null when every run ends where its op's blocks end (no overlaps: every writer). */
    private final long[] ends;
    private final int runs;
    private final long overwritten;
    private final AndroidCowOps ops;
    /** Per op type (null when unused): blocks of runs [0, r) held by that type; built on first use (block maps, counts). */
    private volatile long[][] heldBefore;

    private TargetBlocks(long[] keys, long[] ends, int runs, long overwritten, AndroidCowOps ops) {
        this.keys = keys;
        this.ends = ends;
        this.runs = runs;
        this.overwritten = overwritten;
        this.ops = ops;
    }

    /** The per-type prefix sums: 8 bytes per run and type in use, so only for the views that count (a target image does not). */
    private long[][] heldBefore() {
        long[][] built = heldBefore;
        if (built != null) {
            return built;
        }
        synchronized (this) {
            if (heldBefore == null) {
                long[][] before = new long[16][];
                for (int r = 0; r < runs; r++) {
                    int t = type(r);
                    if (before[t] == null) {
                        before[t] = new long[runs + 1];
                    }
                }
                for (int t = 0; t < 16; t++) {
                    long[] b = before[t];
                    for (int r = 0; b != null && r < runs; r++) {
                        b[r + 1] = b[r] + (type(r) == t ? runEnd(r) - runStart(r) : 0);
                    }
                }
                heldBefore = before;
            }
            return heldBefore;
        }
    }

    private int type(int run) {
        return ops.type(runOp(run)) & 0xf;
    }

    /**
     * The op types that claim a target block: every one but the metadata ops, an unknown type too (AOSP's
     * reader then fails the read of that block).
     */
    public static boolean writesBlocks(int type) {
        return !AndroidOpType.isMetadata(type);
    }

    /** Blocks op {@code i} writes: {@code 1 << compression_bits} for a REPLACE, one for the other block ops, else 0. */
    static long blocksCovered(AndroidCowOps ops, int i) {
        int type = ops.type(i);
        return type == AndroidOpType.REPLACE ? 1L << ops.compressionBits(i) : writesBlocks(type) ? 1 : 0;
    }

    public static TargetBlocks of(AndroidCowOps ops, Progress progress) {
        int n = 0;
        for (int i = 0; i < ops.size(); i++) {
            if (writesBlocks(ops.type(i))) {
                n++;
            }
        }
        // sorted by first block, then op index, through one long key per op (block < 2^32, index < 2^31)
        long[] keys = new long[n];
        int k = 0;
        for (int i = 0; i < ops.size(); i++) {
            if (writesBlocks(ops.type(i))) {
                keys[k++] = (ops.newBlock(i) << 31) | i;
            }
        }
        Arrays.sort(keys);
        progress.checkCancelled();
        long total = 0;
        long lastEnd = 0;
        boolean overlap = false;
        for (int j = 0; j < n; j++) {
            long start = keys[j] >>> 31;
            long end = start + blocksCovered(ops, (int) (keys[j] & 0x7fffffffL));
            total += end - start;
            overlap |= j > 0 && start < lastEnd;
            lastEnd = Math.max(lastEnd, end);
        }
        if (!overlap) { // what every writer makes: one run per op, 8 bytes each
            return new TargetBlocks(keys, null, n, 0, ops);
        }
        return resolveOverlaps(keys, n, total, ops);
    }

    /**
     * Cuts overlapping runs into pieces, each held by the latest op covering it: a sweep over the run
     * boundaries with a heap of the covering ops by op index (those that have ended leave it lazily).
     */
    private static TargetBlocks resolveOverlaps(long[] keys, int n, long total, AndroidCowOps ops) {
        long[] s = new long[n];
        long[] e = new long[n];
        int[] o = new int[n];
        for (int j = 0; j < n; j++) {
            o[j] = (int) (keys[j] & 0x7fffffffL);
            s[j] = keys[j] >>> 31;
            e[j] = s[j] + blocksCovered(ops, o[j]);
        }
        long[] bounds = new long[2 * n];
        System.arraycopy(s, 0, bounds, 0, n);
        System.arraycopy(e, 0, bounds, n, n);
        Arrays.sort(bounds);
        int[] heap = new int[n]; // run indices, the latest op on top
        int heapSize = 0;
        long[] ps = new long[2 * n];
        long[] pe = new long[2 * n];
        int[] po = new int[2 * n];
        int pieces = 0;
        int next = 0;
        for (int b = 0; b + 1 < bounds.length; b++) {
            long from = bounds[b];
            long to = bounds[b + 1];
            while (next < n && s[next] == from) {
                heapSize = push(heap, heapSize, next++, o);
            }
            while (heapSize > 0 && e[heap[0]] <= from) {
                heapSize = pop(heap, heapSize, o);
            }
            if (from == to || heapSize == 0) {
                continue;
            }
            int holder = o[heap[0]];
            if (pieces > 0 && po[pieces - 1] == holder && pe[pieces - 1] == from) {
                pe[pieces - 1] = to;
            } else {
                ps[pieces] = from;
                pe[pieces] = to;
                po[pieces++] = holder;
            }
        }
        long held = 0;
        long[] pieceKeys = new long[pieces];
        for (int p = 0; p < pieces; p++) {
            held += pe[p] - ps[p];
            pieceKeys[p] = (ps[p] << 31) | po[p]; // a piece starts below 2^32 + 2^bits: the shift keeps it (read back with >>>)
        }
        return new TargetBlocks(pieceKeys, Arrays.copyOf(pe, pieces), pieces, total - held, ops);
    }

    private static int push(int[] heap, int size, int run, int[] o) {
        int at = size++;
        heap[at] = run;
        while (at > 0 && o[heap[(at - 1) / 2]] < o[heap[at]]) {
            swap(heap, at, (at - 1) / 2);
            at = (at - 1) / 2;
        }
        return size;
    }

    private static int pop(int[] heap, int size, int[] o) {
        heap[0] = heap[--size];
        int at = 0;
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                return size;
            }
            if (child + 1 < size && o[heap[child + 1]] > o[heap[child]]) {
                child++;
            }
            if (o[heap[at]] >= o[heap[child]]) {
                return size;
            }
            swap(heap, at, child);
            at = child;
        }
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    /** One past the highest block an op writes (0 when none does). */
    public long blockCount() {
        return runs == 0 ? 0 : runEnd(runs - 1);
    }

    /** Blocks some op writes, each counted once. */
    public long writtenBlocks() {
        long total = 0;
        for (long[] before : heldBefore()) {
            total += before == null ? 0 : before[runs];
        }
        return total;
    }

    /** Blocks written by more than one op, counted once per op that lost them (the later op holds them). */
    public long overwrittenBlocks() {
        return overwritten;
    }

    /** The runs, sorted by block: {@code [runStart(r), runEnd(r))} is read from op {@code runOp(r)}. */
    public int runCount() {
        return runs;
    }

    public long runStart(int r) {
        return keys[r] >>> 31;
    }

    public long runEnd(int r) {
        return ends != null ? ends[r] : runStart(r) + blocksCovered(ops, runOp(r));
    }

    public int runOp(int r) {
        return (int) (keys[r] & 0x7fffffffL);
    }

    /** The first run that ends after {@code block} (it may start after it), {@link #runCount()} when none does. */
    public int firstRunEndingAfter(long block) {
        int r = runAtOrBefore(block);
        return r >= 0 && block < runEnd(r) ? r : r + 1;
    }

    /** The op the target reads {@code block} from, -1 when no op writes it (it reads the source). */
    public int opAt(long block) {
        int r = runAtOrBefore(block);
        return r >= 0 && block < runEnd(r) ? runOp(r) : -1;
    }

    /**
     * Adds to {@code byType[type]} how many blocks of {@code [from, to)} are held by ops of that type.
     *
     * @return the blocks of the range no op writes
     */
    public long count(long from, long to, long[] byType) {
        if (to <= from) {
            return 0;
        }
        int first = Math.max(0, runAtOrBefore(from));
        int last = runAtOrBefore(to - 1);
        if (last < first) {
            return to - from;
        }
        long held = clip(first, from, to, byType);
        if (last > first) {
            held += clip(last, from, to, byType);
            long[][] heldBefore = heldBefore();
            for (int t = 0; t < 16; t++) {
                long[] before = heldBefore[t];
                if (before != null) {
                    long n = before[last] - before[first + 1];
                    byType[t] += n;
                    held += n;
                }
            }
        }
        return (to - from) - held;
    }

    private long clip(int r, long from, long to, long[] byType) {
        long n = Math.max(0, Math.min(runEnd(r), to) - Math.max(runStart(r), from));
        byType[type(r)] += n;
        return n;
    }

    private int runAtOrBefore(long block) {
        int lo = 0;
        int hi = runs - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (runStart(mid) <= block) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }
}
