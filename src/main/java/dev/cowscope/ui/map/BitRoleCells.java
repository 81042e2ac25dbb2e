package dev.cowscope.ui.map;

/** Two roles, one bit per chunk (role 1 where the bit is set): counting uses popcount. */
public final class BitRoleCells implements ChunkCells {
    private final long[] bits;
    private final long chunkCount;

    /** Takes ownership of {@code bits}. */
    public BitRoleCells(long[] bits, long chunkCount) {
        if (bits.length < (chunkCount + 63) / 64) {
            throw new IllegalArgumentException("bits hold fewer than " + chunkCount + " chunks");
        }
        this.bits = bits;
        this.chunkCount = chunkCount;
    }

    @Override
    public long chunkCount() {
        return chunkCount;
    }

    @Override
    public int roleCount() {
        return 2;
    }

    @Override
    public int roleAt(long chunk) {
        return (int) (bits[(int) (chunk >>> 6)] >>> (chunk & 63)) & 1;
    }

    @Override
    public int countRoles(long from, long to, int[] counts) {
        long end = Math.min(to, chunkCount);
        if (end <= from) {
            return -1;
        }
        long set = 0;
        long i = from;
        while (i < end && (i & 63) != 0) {
            set += roleAt(i);
            i++;
        }
        while (i + 64 <= end) {
            set += Long.bitCount(bits[(int) (i >>> 6)]);
            i += 64;
        }
        while (i < end) {
            set += roleAt(i);
            i++;
        }
        counts[1] += (int) set;
        counts[0] += (int) (end - from - set);
        return set == 0 ? 0 : set == end - from ? 1 : -1;
    }
}
