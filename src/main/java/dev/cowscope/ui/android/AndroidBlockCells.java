package dev.cowscope.ui.android;

import dev.cowscope.android.AndroidCowOps;
import dev.cowscope.android.TargetBlocks;
import dev.cowscope.ui.map.ChunkCells;

/** The target partition's blocks for the map: a cell per block, its role the type of the op it reads from. */
final class AndroidBlockCells implements ChunkCells {
    private static final AndroidBlockRole[] ROLES = AndroidBlockRole.values();
    private final TargetBlocks blocks;
    private final AndroidCowOps ops;
    private final long count;

    AndroidBlockCells(TargetBlocks blocks, AndroidCowOps ops) {
        this.blocks = blocks;
        this.ops = ops;
        this.count = blocks.blockCount();
    }

    @Override
    public long chunkCount() {
        return count;
    }

    @Override
    public int roleCount() {
        return ROLES.length;
    }

    @Override
    public int roleAt(long block) {
        int op = blocks.opAt(block);
        return op < 0 ? AndroidBlockRole.UNTOUCHED.ordinal() : AndroidBlockRole.ofOpType(ops.type(op)).ordinal();
    }

    @Override
    public int countRoles(long from, long to, int[] counts) {
        long[] byType = new long[16];
        long untouched = blocks.count(from, to, byType);
        // a pixel may cover more blocks than an int counts (a u32 block space): scale to keep the mix
        long scale = Math.max(1, (to - from) >>> 30);
        int only = -1;
        int kinds = 0;
        for (AndroidBlockRole role : ROLES) {
            long n = role == AndroidBlockRole.UNTOUCHED ? untouched : byType[role.opType()];
            if (n > 0) {
                counts[role.ordinal()] += (int) Math.max(1, n / scale);
                only = role.ordinal();
                kinds++;
            }
        }
        return kinds == 1 ? only : -1;
    }
}
