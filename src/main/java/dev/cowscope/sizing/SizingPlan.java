package dev.cowscope.sizing;

import dev.cowscope.format.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * COW sizes for a measured change at several chunk sizes, with a margin for run-time writes and
 * the allocation rounded up to a unit, and the recommended chunk size: the smallest allocation,
 * ties going to the larger chunk (fewer exceptions to load and merge).
 *
 * @param changes the measured change
 * @param margin the margin as given
 * @param marginBytes the margin in bytes
 * @param roundingUnit the unit allocations are rounded up to
 * @param rows one per chunk size, smallest chunk first
 */
public record SizingPlan(ChangedChunks changes, Margin margin, long marginBytes, RoundingUnit roundingUnit, List<SizingRow> rows) {
    public SizingPlan {
        rows = List.copyOf(rows);
    }

    /** 512 B, 1 KiB, … 1 MiB: the sizes a plan shows unless told otherwise. */
    public static List<Long> defaultChunkSizesSectors() {
        return ChangedChunks.measuredChunkSizesSectors().subList(0, 12);
    }

    /**
     * @throws IllegalArgumentException with the kernel's text for a chunk size {@code rule} refuses,
     *     when a margin in % has no origin size, or when a COW size would not fit in a long
     */
    public static SizingPlan build(ChangedChunks changes, List<Long> chunkSizesSectors, Margin margin,
                                   RoundingUnit roundingUnit, ChunkSizeRule rule) {
        long marginBytes = margin.marginBytes(changes.oldSizeBytes());
        long originBytes = Math.max(changes.oldSizeBytes(), changes.newSizeBytes());
        List<SizingRow> rows = new ArrayList<>();
        for (long chunkSizeSectors : chunkSizesSectors.stream().distinct().sorted().toList()) {
            CowSizeCalculator calculator = new CowSizeCalculator(chunkSizeSectors, rule);
            try {
                rows.add(row(changes, calculator, marginBytes, originBytes, roundingUnit));
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "at chunk size %s the COW for %d changed chunks "
                        + "and a margin of %d bytes is larger than the largest size (8 EiB)", chunkLabel(chunkSizeSectors),
                        changes.changedChunks(chunkSizeSectors), marginBytes), e);
            }
        }
        return new SizingPlan(changes, margin, marginBytes, roundingUnit, markRecommended(rows));
    }

    /** One row; ArithmeticException when a size does not fit in a long. */
    private static SizingRow row(ChangedChunks changes, CowSizeCalculator calculator, long marginBytes, long originBytes,
                                 RoundingUnit roundingUnit) {
        long chunkSizeSectors = calculator.chunkSizeSectors();
        long chunkBytes = calculator.chunkSizeBytes();
        long changed = changes.changedChunks(chunkSizeSectors);
        long marginChunks = marginBytes / chunkBytes + (marginBytes % chunkBytes == 0 ? 0 : 1);
        long planned = Math.addExact(changed, marginChunks);
        long originChunks = originBytes / chunkBytes + (originBytes % chunkBytes == 0 ? 0 : 1);
        boolean capped = originBytes > 0 && planned > originChunks;
        if (capped) {
            planned = Math.max(changed, originChunks);
        }
        CowSize size = calculator.forChangedChunks(planned);
        double overhead = 100.0 * (size.headerBytes() + size.metadataBytes()) / size.totalBytes();
        // a given count says nothing about how many bytes changed
        boolean bytesKnown = changes.source() != ChangedChunks.Source.GIVEN && changes.changedSectorBytes() != 0;
        OptionalDouble amplification = !bytesKnown ? OptionalDouble.empty()
                : OptionalDouble.of((double) calculator.forChangedChunks(changed).totalBytes() / changes.changedSectorBytes());
        return new SizingRow(chunkSizeSectors, changed, marginChunks, planned, capped, size,
                size.allocationBytes(roundingUnit), overhead, amplification, false);
    }

    /** The recommended row; empty only for a plan without rows. */
    public Optional<SizingRow> recommended() {
        return rows.stream().filter(SizingRow::recommended).findFirst();
    }

    private static List<SizingRow> markRecommended(List<SizingRow> rows) {
        int best = -1;
        for (int i = 0; i < rows.size(); i++) {
            // rows are sorted by chunk size, so <= lets a larger chunk win a tie
            if (best < 0 || rows.get(i).allocationBytes() <= rows.get(best).allocationBytes()) {
                best = i;
            }
        }
        List<SizingRow> marked = new ArrayList<>(rows);
        if (best >= 0) {
            SizingRow r = rows.get(best);
            marked.set(best, new SizingRow(r.chunkSizeSectors(), r.changedChunks(), r.marginChunks(), r.plannedChunks(),
                    r.cappedAtOrigin(), r.cowSize(), r.allocationBytes(), r.metadataOverheadPercent(), r.writeAmplification(), true));
        }
        return marked;
    }

    /** Chunk size in the compact form the CLI accepts, e.g. {@code 4K}. */
    public static String chunkLabel(long chunkSizeSectors) {
        return Units.compact(chunkSizeSectors * Units.SECTOR_BYTES);
    }
}
