package dev.cowscope.alignment;

/**
 * The alignment part of a {@code struct queue_limits} while stacking, and {@code blk_stack_limits}
 * (block/blk-settings.c) on it.
 *
 * @param misaligned {@code limits->misaligned} (NEW: {@code BLK_FLAG_MISALIGNED})
 */
public record StackedLimits(long lbsBytes, long pbsBytes, long ioMinBytes, long ioOptBytes,
                            long alignmentOffsetBytes, boolean misaligned) {
    /** {@code blk_set_stacking_limits}: lbs = pbs = io_min = 512, io_opt 0, offset 0. */
    public static final StackedLimits STACKING_DEFAULTS = new StackedLimits(512, 512, 512, 0, 0, false);

    /** Result of one {@code blk_stack_limits} call: the new top and whether it returned 0. */
    public record Stacked(StackedLimits top, boolean ok) {
    }

    /** A bottom device's queue limits as stacking input. */
    public static StackedLimits of(QueueLimits q) {
        return new StackedLimits(q.lbsBytes(), q.pbsBytes(), q.ioMinBytes(), q.ioOptBytes(),
            q.alignmentOffsetBytes(), q.misaligned());
    }

    /** {@code max(physical_block_size, io_min)}. */
    public long granularityBytes() {
        return Math.max(pbsBytes, ioMinBytes);
    }

    /**
     * {@code queue_limit_alignment_offset(lim, sector)}: bytes from {@code sector} to the next natural
     * boundary of these limits, counting their own alignment offset.
     */
    public long alignmentOffsetAt(long sector) {
        // as in C: sector_div on the u64 sector, then unsigned int arithmetic that wraps
        long granularity = granularityBytes();
        long alignment = u32(Long.remainderUnsigned(sector, granularity >> 9) << 9);
        return u32(granularity + alignmentOffsetBytes - alignment) % granularity;
    }

    /** {@code blk_stack_limits(this, bottom, startSector)}, alignment-related part; bit-mask tests as in C. */
    public Stacked stack(StackedLimits bottom, long startSector) {
        boolean ok = true;
        boolean mis = misaligned || bottom.misaligned;
        long alignment = bottom.alignmentOffsetAt(startSector);
        if (alignmentOffsetBytes != alignment) {
            long top = u32(granularityBytes() + alignmentOffsetBytes);
            long bot = u32(bottom.granularityBytes() + alignment);
            // a sum that wraps to 0 would divide by zero in C; such limits are misaligned whatever happens
            if (Math.min(top, bot) == 0 || Math.max(top, bot) % Math.min(top, bot) != 0) {
                mis = true;
                ok = false;
            }
        }
        long lbs = Math.max(lbsBytes, bottom.lbsBytes);
        long pbs = Math.max(pbsBytes, bottom.pbsBytes);
        long ioMin = Math.max(ioMinBytes, bottom.ioMinBytes);
        long ioOpt = u32(lcmNotZero(ioOptBytes, bottom.ioOptBytes)); // unsigned long into unsigned int
        if ((pbs & (lbs - 1)) != 0) {
            pbs = lbs;
            mis = true;
            ok = false;
        }
        if ((ioMin & (pbs - 1)) != 0) {
            ioMin = pbs;
            mis = true;
            ok = false;
        }
        if ((ioOpt & (pbs - 1)) != 0) {
            ioOpt = 0;
            mis = true;
            ok = false;
        }
        long offset = Long.remainderUnsigned(lcmNotZero(alignmentOffsetBytes, alignment), Math.max(pbs, ioMin));
        if ((offset & (lbs - 1)) != 0) {
            mis = true;
            ok = false;
        }
        return new Stacked(new StackedLimits(lbs, pbs, ioMin, ioOpt, offset, mis), ok);
    }

    /** {@code blk_validate_limits} (NEW) as far as it touches alignment: io_opt rounding, offset masking. */
    public StackedLimits validated() {
        long ioOpt = ioOptBytes - ioOptBytes % pbsBytes;
        if (alignmentOffsetBytes != 0) {
            return new StackedLimits(lbsBytes, pbsBytes, ioMinBytes, ioOpt, alignmentOffsetBytes & (pbsBytes - 1), false);
        }
        return new StackedLimits(lbsBytes, pbsBytes, ioMinBytes, ioOpt, alignmentOffsetBytes, misaligned);
    }

    /** What {@code /sys/block/<dev>/alignment_offset} shows: -1 when misaligned. */
    public long sysfsAlignmentOffset() {
        return misaligned ? -1 : alignmentOffsetBytes;
    }

    /**
     * {@code lcm_not_zero}: the lcm, or the non-zero argument when one is zero. Arguments are 32-bit
     * (queue limits), so the lcm fits an unsigned long as in C; read the result as unsigned.
     */
    static long lcmNotZero(long a, long b) {
        if (a == 0 || b == 0) {
            return a == 0 ? b : a;
        }
        return a / gcd(a, b) * b;
    }

    private static long u32(long v) {
        return v & 0xFFFF_FFFFL;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
