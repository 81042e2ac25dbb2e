package dev.cowscope.ui.alignment;

import dev.cowscope.alignment.QueueLimits;
import dev.cowscope.format.Units;

/**
 * The limits editor's fields as typed: sizes accept {@code 512}, {@code 4K}, {@code 8s}; partition
 * start and device size are sectors (a bare number) or a size; empty io-min means the physical
 * block size, empty device size means unknown (the kernel's size check is then skipped).
 */
public record LimitsInput(String lbs, String pbs, String ioMin, String ioOpt, String alignmentOffset,
                          String partStart, String deviceSize) {
    /** lbs 512, pbs 4096, io-min 4096, the common 512e disk. */
    public static final LimitsInput DEFAULT = new LimitsInput("512", "4096", "4096", "0", "0", "0", "");

    public static LimitsInput of(QueueLimits q) {
        return new LimitsInput(Long.toString(q.lbsBytes()), Long.toString(q.pbsBytes()), Long.toString(q.ioMinBytes()),
            Long.toString(q.ioOptBytes()), Long.toString(q.alignmentOffsetBytes()), Long.toString(q.partStartSectors()),
            q.deviceSectors() == 0 ? "" : Long.toString(q.deviceSectors()));
    }

    /**
     * The limits, or an {@link IllegalArgumentException} naming the field.
     */
    public QueueLimits toQueueLimits() {
        long lbsBytes = bytes("logical block size", lbs, -1);
        long pbsBytes = bytes("physical block size", pbs, lbsBytes);
        long ioMinBytes = bytes("io-min", ioMin, pbsBytes);
        long ioOptBytes = bytes("io-opt", ioOpt, 0);
        long offsetBytes = bytes("alignment offset", alignmentOffset, 0);
        long start = sectors("partition start", partStart);
        long size = sectors("device size", deviceSize);
        if (!Units.isPowerOfTwo(pbsBytes)) {
            throw new IllegalArgumentException("physical block size must be a power of two: " + pbsBytes);
        }
        try {
            return new QueueLimits(lbsBytes, pbsBytes, ioMinBytes, ioOptBytes, offsetBytes, start, size, false);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("limits: " + e.getMessage(), e);
        }
    }

    private static long bytes(String name, String text, long whenEmpty) {
        if (text == null || text.isBlank()) {
            if (whenEmpty < 0) {
                throw new IllegalArgumentException(name + " is required");
            }
            return whenEmpty;
        }
        try {
            return Units.parseBytes(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private static long sectors(String name, String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        String t = text.strip();
        try {
            return t.chars().allMatch(Character::isDigit) ? Long.parseLong(t) : Units.parseSectors(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }
}
