package dev.cowscope.alignment;

import dev.cowscope.format.Units;

/**
 * The queue limits of a bottom device as {@code blk_stack_limits} sees them ({@code struct queue_limits}),
 * plus where the device sits on its disk.
 *
 * @param lbsBytes             {@code queue/logical_block_size}
 * @param pbsBytes             {@code queue/physical_block_size}
 * @param ioMinBytes           {@code queue/minimum_io_size}
 * @param ioOptBytes           {@code queue/optimal_io_size}
 * @param alignmentOffsetBytes the <em>queue's</em> (whole disk's) {@code alignment_offset}; for a
 *                             partition this is the disk's value, not the partition's sysfs value
 * @param partStartSectors     partition start ({@code get_start_sect}), 0 for a whole device
 * @param deviceSectors        size of the device the table names ({@code bdev_nr_sectors}); 0 =
 *                             unknown: the too-small check cannot be made and the verdict is UNKNOWN
 * @param misaligned           the queue is already misaligned (sysfs {@code alignment_offset} -1)
 */
public record QueueLimits(long lbsBytes, long pbsBytes, long ioMinBytes, long ioOptBytes,
                          long alignmentOffsetBytes, long partStartSectors, long deviceSectors,
                          boolean misaligned) {
    public QueueLimits {
        if (lbsBytes < 512 || !Units.isPowerOfTwo(lbsBytes)) {
            throw new IllegalArgumentException("logical block size must be a power of two >= 512: " + lbsBytes);
        }
        if (pbsBytes < 512 || ioMinBytes < 512) {
            throw new IllegalArgumentException("physical block size and io-min must be >= 512");
        }
        if (ioOptBytes < 0 || alignmentOffsetBytes < 0 || partStartSectors < 0 || deviceSectors < 0) {
            throw new IllegalArgumentException("negative limit");
        }
        // struct queue_limits holds these as unsigned int: a larger value cannot come from a kernel
        if (lbsBytes > MAX_LIMIT_BYTES || pbsBytes > MAX_LIMIT_BYTES || ioMinBytes > MAX_LIMIT_BYTES
            || ioOptBytes > MAX_LIMIT_BYTES || alignmentOffsetBytes > MAX_LIMIT_BYTES) {
            throw new IllegalArgumentException("block sizes, io-min, io-opt and alignment-offset are 32-bit in the"
                + " kernel; at most " + MAX_LIMIT_BYTES + " bytes");
        }
        // a block device's size in bytes is a loff_t
        if (partStartSectors > MAX_SECTORS || deviceSectors > MAX_SECTORS) {
            throw new IllegalArgumentException("part-start and size must be at most " + MAX_SECTORS
                + " sectors (the largest block device, 2^63 bytes)");
        }
    }

    /** {@code UINT_MAX}: the byte limits are {@code unsigned int} in {@code struct queue_limits}. */
    public static final long MAX_LIMIT_BYTES = 0xFFFF_FFFFL;
    /** {@code LLONG_MAX >> SECTOR_SHIFT}: the most sectors a block device (or a dm table) can have. */
    public static final long MAX_SECTORS = Long.MAX_VALUE >> 9;

    /** True when the size is known; 0 means unknown (the kernel also skips the size checks for 0). */
    public boolean sizeKnown() {
        return deviceSectors != 0;
    }

    /** A whole device with these block sizes, io_opt 0, offset 0, unknown size. */
    public static QueueLimits of(long lbsBytes, long pbsBytes, long ioMinBytes) {
        return new QueueLimits(lbsBytes, pbsBytes, ioMinBytes, 0, 0, 0, 0, false);
    }

    public QueueLimits withPartStartSectors(long sectors) {
        return new QueueLimits(lbsBytes, pbsBytes, ioMinBytes, ioOptBytes, alignmentOffsetBytes, sectors,
            deviceSectors, misaligned);
    }

    public QueueLimits withDeviceSectors(long sectors) {
        return new QueueLimits(lbsBytes, pbsBytes, ioMinBytes, ioOptBytes, alignmentOffsetBytes, partStartSectors,
            sectors, misaligned);
    }

    /** {@code max(physical_block_size, io_min)}: the granularity {@code queue_limit_alignment_offset} uses. */
    public long granularityBytes() {
        return Math.max(pbsBytes, ioMinBytes);
    }

    /**
     * Parses {@code lbs=512,pbs=4096,io-min=4096,io-opt=0,alignment-offset=0[,part-start=2048][,size=S]}
     * as {@link LimitsInput} does (the tab's limits fields take the same values).
     */
    public static QueueLimits parse(String text) throws InputFormatException {
        try {
            return LimitsInput.parse(text).toQueueLimits();
        } catch (IllegalArgumentException e) {
            throw new InputFormatException(0, "limits: " + e.getMessage());
        }
    }

    /** The {@link #parse} form. */
    public String render() {
        return "lbs=" + lbsBytes + ",pbs=" + pbsBytes + ",io-min=" + ioMinBytes + ",io-opt=" + ioOptBytes
            + ",alignment-offset=" + alignmentOffsetBytes + ",part-start=" + partStartSectors
            + ",size=" + deviceSectors;
    }
}
