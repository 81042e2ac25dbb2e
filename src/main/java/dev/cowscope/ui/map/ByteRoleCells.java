package dev.cowscope.ui.map;

/** One byte per chunk: the role. Fine up to a few hundred million chunks. */
public final class ByteRoleCells implements ChunkCells {
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private final byte[] roles;
    private final int roleCount;

    /** Takes ownership of {@code roles}; the caller must not change it afterwards. */
    public ByteRoleCells(byte[] roles, int roleCount) {
        this.roles = roles;
        this.roleCount = roleCount;
    }

    @Override
    public long chunkCount() {
        return roles.length;
    }

    @Override
    public int roleCount() {
        return roleCount;
    }

    @Override
    public int roleAt(long chunk) {
        return roles[(int) chunk];
    }

    @Override
    public int countRoles(long from, long to, int[] counts) {
        int end = (int) Math.min(to, roles.length);
        int i = (int) from;
        if (i >= end) {
            return -1;
        }
        byte[] r = roles;
        if (isUniform(r, i, end)) {
            counts[r[i]] += end - i; // most pixels of a fitted map: two 8-byte loads decide them
            return r[i];
        }
        // count runs, not chunks: maps are long runs of one role, and counts[r]++ per chunk
        // would chain every iteration through one memory cell
        int current = r[i];
        int runStart = i;
        long pattern = (current & 0xFFL) * 0x0101010101010101L;
        i++;
        while (i < end) {
            if (i + Long.BYTES <= end && (long) LONGS.get(r, i) == pattern) {
                i += Long.BYTES; // eight chunks of the current role at once
                continue;
            }
            int role = r[i];
            if (role != current) {
                counts[current] += i - runStart;
                current = role;
                runStart = i;
                pattern = (current & 0xFFL) * 0x0101010101010101L;
            }
            i++;
        }
        counts[current] += end - runStart;
        return runStart == from ? current : -1;
    }

    /** Whether {@code r[from, end)} holds one value, eight bytes per compare (the last compare overlaps). */
    private static boolean isUniform(byte[] r, int from, int end) {
        if (end - from < Long.BYTES) {
            return false; // short ranges: the run loop is as quick
        }
        long pattern = (r[from] & 0xFFL) * 0x0101010101010101L;
        for (int i = from; i + Long.BYTES < end; i += Long.BYTES) {
            if ((long) LONGS.get(r, i) != pattern) {
                return false;
            }
        }
        return (long) LONGS.get(r, end - Long.BYTES) == pattern;
    }
}
