package dev.cowscope.sizing;

import dev.cowscope.format.Units;

/**
 * The unit an allocation is rounded up to: a sector, a filesystem block, an LVM extent.
 *
 * @param bytes a positive multiple of 512, so a rounded size is still whole sectors
 */
public record RoundingUnit(long bytes) {
    public static final RoundingUnit SECTOR = new RoundingUnit(Units.SECTOR_BYTES);
    /** LVM's default physical extent ({@code vgcreate -s 4M}); lvcreate rounds snapshots up to it. */
    public static final RoundingUnit LVM_EXTENT_4M = new RoundingUnit(4L << 20);

    public RoundingUnit {
        if (bytes <= 0 || bytes % Units.SECTOR_BYTES != 0) {
            throw new IllegalArgumentException("rounding unit must be a positive multiple of 512 bytes, not " + bytes);
        }
    }

    /** The smallest multiple of this unit that is at least {@code sizeBytes}. */
    public long roundUp(long sizeBytes) {
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("negative size " + sizeBytes);
        }
        long units = sizeBytes / bytes + (sizeBytes % bytes == 0 ? 0 : 1);
        return Math.multiplyExact(units, bytes);
    }
}
