package dev.cowscope.ui.alignment;

import dev.cowscope.alignment.LineReport;
import dev.cowscope.alignment.QueueLimits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The underlying device as the strip shows it: the areas the table's lines map, sorted by device
 * offset, each with its line's verdict, and where the physical blocks lie. Primitive columns, no
 * object per block; immutable, so it can be rasterised off the FX thread.
 *
 * @param device              the device's table name (lines on other devices are not shown)
 * @param deviceSectors       the device size, or the end of the last mapped area when unknown
 * @param granularityBytes    {@code max(pbs, io_min)}: the physical-block grid
 * @param gridPhaseSectors    the first physical-block boundary in device sectors (partition start and
 *                            the disk's alignment offset taken into account), in [0, granularity)
 */
public record DeviceStrip(String device, long deviceSectors, long granularityBytes, double gridPhaseSectors,
                          long[] fromSector, long[] toSector, byte[] verdict, int[] lineIndex) {
    public static final DeviceStrip EMPTY = new DeviceStrip("", 0, 4096, 0, new long[0], new long[0], new byte[0], new int[0]);

    /** The strip of the first line's device. */
    public static DeviceStrip of(List<LineReport> lines, QueueLimits limits) {
        if (lines.isEmpty()) {
            return EMPTY;
        }
        String device = lines.get(0).line().device();
        List<LineReport> shown = new ArrayList<>();
        for (LineReport l : lines) {
            if (l.line().device().equals(device)) {
                shown.add(l);
            }
        }
        shown.sort(Comparator.comparingLong(l -> l.line().offsetSector()));
        int n = shown.size();
        long[] from = new long[n];
        long[] to = new long[n];
        byte[] verdicts = new byte[n];
        int[] index = new int[n];
        long end = 0;
        for (int i = 0; i < n; i++) {
            LineReport l = shown.get(i);
            from[i] = l.line().offsetSector();
            to[i] = from[i] + l.line().lengthSectors();
            verdicts[i] = (byte) l.verdict().ordinal();
            index[i] = l.index();
            end = Math.max(end, to[i]);
        }
        long size = Math.max(limits.deviceSectors(), end);
        long g = limits.granularityBytes();
        double phase = Math.floorMod(limits.alignmentOffsetBytes() - limits.partStartSectors() * 512, g) / 512.0;
        return new DeviceStrip(device, size, g, phase, from, to, verdicts, index);
    }

    public int areaCount() {
        return fromSector.length;
    }

    public double granularitySectors() {
        return granularityBytes / 512.0;
    }

    /** Areas overlapping {@code [from, to)} sectors, in device order (hit-testing a pixel). */
    public int[] areasIn(double from, double to) {
        int[] hits = new int[4];
        int count = 0;
        // areas are sorted by start; an area starting at or after 'to' and all later ones miss
        int end = upperBound(to);
        for (int i = 0; i < end; i++) {
            if (toSector[i] > from && fromSector[i] < to) {
                if (count == hits.length) {
                    hits = Arrays.copyOf(hits, count * 2);
                }
                hits[count++] = i;
            }
        }
        return Arrays.copyOf(hits, count);
    }

    /** The area of table line {@code index}, or -1. */
    public int areaOfLine(int index) {
        for (int i = 0; i < lineIndex.length; i++) {
            if (lineIndex[i] == index) {
                return i;
            }
        }
        return -1;
    }

    /** First area whose start is at or after {@code sector}. */
    private int upperBound(double sector) {
        int lo = 0;
        int hi = fromSector.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (fromSector[mid] < sector) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
