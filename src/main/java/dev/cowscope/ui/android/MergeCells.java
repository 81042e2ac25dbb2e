package dev.cowscope.ui.android;

import dev.cowscope.android.TargetBlocks;
import dev.cowscope.ui.map.ChunkCells;

/**
 * The target partition during an Android merge: each block the COW writes is merged (its op's step is
 * before {@code done}), the next to merge, or still pending; blocks no op writes are untouched. Immutable:
 * a new instance per step shares the arrays. A range is counted run by run (one run per op), so a frame
 * costs the runs it shows, never the blocks.
 */
final class MergeCells implements ChunkCells {
    static final int UNTOUCHED = 0;
    static final int PENDING = 1;
    static final int NEXT = 2;
    static final int MERGED = 3;
    static final String[] LABELS = {"Untouched", "Waiting to merge", "Next to merge", "Merged into the base partition"};
    static final int[] ARGB = {0xFFE3E6E8, 0xFF3C7DD9, 0xFFD9822B, 0xFF8E5BD0};

    private final TargetBlocks blocks;
    private final int[] stepOfOp;
    private final int done;

    /** @param stepOfOp per op index, the first merge step that writes it (-1 for ops the merge never takes) */
    MergeCells(TargetBlocks blocks, int[] stepOfOp, int done) {
        this.blocks = blocks;
        this.stepOfOp = stepOfOp;
        this.done = done;
    }

    MergeCells atStep(int newDone) {
        return new MergeCells(blocks, stepOfOp, newDone);
    }

    @Override
    public long chunkCount() {
        return blocks.blockCount();
    }

    @Override
    public int roleCount() {
        return LABELS.length;
    }

    @Override
    public int roleAt(long block) {
        return roleOfOp(blocks.opAt(block));
    }

    private int roleOfOp(int op) {
        if (op < 0 || op >= stepOfOp.length || stepOfOp[op] < 0) {
            return UNTOUCHED;
        }
        int step = stepOfOp[op];
        return step < done ? MERGED : step == done ? NEXT : PENDING;
    }

    @Override
    public int countRoles(long from, long to, int[] counts) {
        long[] n = new long[LABELS.length];
        long covered = 0;
        for (int r = blocks.firstRunEndingAfter(from); r < blocks.runCount() && blocks.runStart(r) < to; r++) {
            long len = Math.min(blocks.runEnd(r), to) - Math.max(blocks.runStart(r), from);
            n[roleOfOp(blocks.runOp(r))] += len;
            covered += len;
        }
        n[UNTOUCHED] += (to - from) - covered;
        return AndroidBlockCells.addCounts(n, to - from, counts);
    }
}
