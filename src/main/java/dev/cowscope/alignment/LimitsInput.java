package dev.cowscope.alignment;

import dev.cowscope.format.Units;
import java.util.Locale;

/**
 * A device's limits as typed, in the tab's fields or the CLI's {@code --limits lbs=512,pbs=4K,…}: sizes
 * accept {@code 512}, {@code 4K}, {@code 8s}; partition start and device size are sectors (a bare
 * number) or a size. Empty means: pbs = lbs, io-min = pbs, io-opt, alignment offset and partition start
 * 0, device size unknown (the kernel's size check is then skipped); lbs is required.
 */
public record LimitsInput(String lbs, String pbs, String ioMin, String ioOpt, String alignmentOffset,
                          String partStart, String deviceSize) {
    /** lbs 512, pbs 4096, io-min 4096, the common 512e disk. */
    public static final LimitsInput DEFAULT = new LimitsInput("512", "4096", "4096", "0", "0", "0", "");
    private static final LimitsInput EMPTY = new LimitsInput("", "", "", "", "", "", "");
    private static final String KEYS = "lbs, pbs, io-min, io-opt, alignment-offset, part-start, size";

    public static LimitsInput of(QueueLimits q) {
        return new LimitsInput(Long.toString(q.lbsBytes()), Long.toString(q.pbsBytes()), Long.toString(q.ioMinBytes()),
            Long.toString(q.ioOptBytes()), Long.toString(q.alignmentOffsetBytes()), Long.toString(q.partStartSectors()),
            q.deviceSectors() == 0 ? "" : Long.toString(q.deviceSectors()));
    }

    /**
     * The fields of {@code lbs=512,pbs=4096,io-min=4096,io-opt=0,alignment-offset=0[,part-start=2048][,size=S]}
     * (keys may use {@code _}); the values are checked by {@link #toQueueLimits()}.
     */
    public static LimitsInput parse(String text) {
        LimitsInput in = EMPTY;
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + p + "'");
            }
            in = in.with(p.substring(0, eq).strip().toLowerCase(Locale.ROOT).replace('_', '-'), p.substring(eq + 1).strip());
        }
        return in;
    }

    private LimitsInput with(String key, String v) {
        switch (key) {
            case "lbs": return new LimitsInput(v, pbs, ioMin, ioOpt, alignmentOffset, partStart, deviceSize);
            case "pbs": return new LimitsInput(lbs, v, ioMin, ioOpt, alignmentOffset, partStart, deviceSize);
            case "io-min": return new LimitsInput(lbs, pbs, v, ioOpt, alignmentOffset, partStart, deviceSize);
            case "io-opt": return new LimitsInput(lbs, pbs, ioMin, v, alignmentOffset, partStart, deviceSize);
            case "alignment-offset": return new LimitsInput(lbs, pbs, ioMin, ioOpt, v, partStart, deviceSize);
            case "part-start": return withPartStart(v);
            case "size": return withDeviceSize(v);
            default: throw new IllegalArgumentException("unknown key '" + key + "' (known: " + KEYS + ")");
        }
    }

    public LimitsInput withPartStart(String sectors) {
        return new LimitsInput(lbs, pbs, ioMin, ioOpt, alignmentOffset, sectors, deviceSize);
    }

    public LimitsInput withDeviceSize(String sectors) {
        return new LimitsInput(lbs, pbs, ioMin, ioOpt, alignmentOffset, partStart, sectors);
    }

    /** The limits, or an {@link IllegalArgumentException} naming the field (by its label and its key). */
    public QueueLimits toQueueLimits() {
        long lbsBytes = bytes("logical block size (lbs)", lbs, -1);
        long pbsBytes = bytes("physical block size (pbs)", pbs, lbsBytes);
        long ioMinBytes = bytes("minimum I/O (io-min)", ioMin, pbsBytes);
        long ioOptBytes = bytes("optimal I/O (io-opt)", ioOpt, 0);
        long offsetBytes = bytes("alignment offset (alignment-offset)", alignmentOffset, 0);
        long start = sectors("partition start (part-start)", partStart);
        long size = sectors("device size (size)", deviceSize);
        if (!Units.isPowerOfTwo(pbsBytes)) {
            throw new IllegalArgumentException("physical block size must be a power of two: " + pbsBytes);
        }
        return new QueueLimits(lbsBytes, pbsBytes, ioMinBytes, ioOptBytes, offsetBytes, start, size, false);
    }

    private static long bytes(String name, String text, long whenEmpty) {
        if (text == null || text.isBlank()) {
            if (whenEmpty < 0) {
                throw new IllegalArgumentException(name + " is required (e.g. lbs=512,pbs=4096)");
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
        try {
            return AlignmentValues.sectors(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }
}
