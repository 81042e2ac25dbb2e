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
        return addCounts(byRole(blocks, from, to), to - from, counts);
    }

    /** Blocks of {@code [from, to)} per role (index = {@link AndroidBlockRole#ordinal()}). */
    static long[] byRole(TargetBlocks blocks, long from, long to) {
        long[] byType = new long[16];
        long[] byRole = new long[ROLES.length];
        byRole[AndroidBlockRole.UNTOUCHED.ordinal()] = blocks.count(from, to, byType);
        for (int type = 0; type < byType.length; type++) {
            if (byType[type] > 0) {
                byRole[AndroidBlockRole.ofOpType(type).ordinal()] += byType[type];
            }
        }
        return byRole;
    }

    /**
     * Adds {@code byRole} to the map's int counts, scaled where a pixel covers more blocks than an int counts
     * (a u32 block space); the role when only one is present, else -1.
     */
    static int addCounts(long[] byRole, long blocks, int[] counts) {
        long scale = Math.max(1, blocks >>> 30);
        int only = -1;
        int kinds = 0;
        for (int role = 0; role < byRole.length; role++) {
            if (byRole[role] > 0) {
                counts[role] += (int) Math.max(1, byRole[role] / scale);
                only = role;
                kinds++;
            }
        }
        return kinds == 1 ? only : -1;
    }
}
