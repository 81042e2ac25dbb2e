package dev.cowscope.report;

import dev.cowscope.android.AndroidCowSize;
import dev.cowscope.format.SnapshotStatus;
import dev.cowscope.sizing.AndroidPairPlan;
import dev.cowscope.sizing.CowCapacity;
import dev.cowscope.sizing.CowSize;
import dev.cowscope.sizing.CowSizeCalculator;
import dev.cowscope.sizing.SizingPlan;
import dev.cowscope.sizing.SizingRow;
import dev.cowscope.sizing.WhenFull;
import java.util.List;

/**
 * The sizing documents: {@code size --json} and the Plan tab's JSON export (the same records, so
 * the two never drift). Field names are a contract: add fields, never rename. Built from the
 * engine's records so the engine can change without breaking scripts.
 */
public final class SizeJson {
    private SizeJson() {
        throw new AssertionError("no instances");
    }

    /**
     * One chunk size and a given count of distinct changed chunks ({@code size --changed-chunks}).
     * The sizes are for {@code plannedChunks}: the changed chunks plus the margin's chunks.
     */
    public record Calculation(String mode, long chunkSizeSectors, long chunkSizeBytes, long exceptionsPerArea, long changedChunks,
                              long headerChunks, long metadataChunks, long dataChunks, long totalChunks, long totalSectors,
                              long totalBytes, long threadFormulaChunks, long threadFormulaSectors, long roundingUnitBytes,
                              long allocationBytes, String dmsetupStatusWhenFull, String margin, long marginBytes,
                              long marginChunks, long plannedChunks, boolean cappedAtOrigin) {
        /** From a plan of one row (a {@link dev.cowscope.sizing.ChangedChunks#given given} count at one chunk size). */
        public static Calculation of(CowSizeCalculator calculator, SizingPlan plan) {
            if (plan.rows().size() != 1) {
                throw new IllegalArgumentException("a calculation is a plan of one chunk size, not " + plan.rows().size());
            }
            SizingRow row = plan.rows().get(0);
            CowSize size = row.cowSize();
            String status = calculator.statusAfter(size.changedChunks(), size.totalBytes(), WhenFull.INVALIDATE).params();
            return new Calculation("calculate", size.chunkSizeSectors(), size.chunkSizeBytes(), calculator.exceptionsPerArea(),
                    row.changedChunks(), size.headerChunks(), size.metadataChunks(), size.dataChunks(), size.totalChunks(),
                    size.totalSectors(), size.totalBytes(), size.threadFormulaChunks(), size.threadFormulaSectors(),
                    plan.roundingUnit().bytes(), row.allocationBytes(), status, plan.margin().describe(), plan.marginBytes(),
                    row.marginChunks(), row.plannedChunks(), row.cappedAtOrigin());
        }
    }

    /** What fits in a COW of a given size ({@code size --cow-size}). */
    public record Capacity(String mode, long chunkSizeSectors, long cowSizeBytes, long totalSectors, long usableChunks,
                           boolean creatable, long maxChangedChunks, long spareChunks, long unusedTailBytes,
                           String dmsetupStatusWhenFull, String statusAfterOneMoreChunkP, String statusAfterOneMoreChunkPO) {
        public static Capacity of(CowSizeCalculator calculator, CowCapacity c) {
            SnapshotStatus full = calculator.statusAfter(c.maxChangedChunks(), c.cowSizeBytes(), WhenFull.INVALIDATE);
            return new Capacity("capacity", c.chunkSizeSectors(), c.cowSizeBytes(), full.totalSectors(), c.usableChunks(),
                    c.creatable(), c.maxChangedChunks(), c.spareChunks(), c.unusedTailBytes(), full.params(),
                    calculator.statusAfter(c.maxChangedChunks() + 1, c.cowSizeBytes(), WhenFull.INVALIDATE).params(),
                    calculator.statusAfter(c.maxChangedChunks() + 1, c.cowSizeBytes(), WhenFull.OVERFLOW).params());
        }
    }

    /** One chunk size of a plan. {@code writeAmplification} is null when the changed bytes are unknown or 0. */
    public record Row(long chunkSizeSectors, long chunkSizeBytes, long changedChunks, long marginChunks, long plannedChunks,
                      boolean cappedAtOrigin, long headerChunks, long metadataChunks, long dataChunks, long totalChunks,
                      long totalSectors, long totalBytes, long dataBytes, long metadataBytes, long threadFormulaChunks,
                      double metadataOverheadPercent, Double writeAmplification, long allocationBytes, boolean recommended,
                      long threadFormulaSectors) {
        public static Row of(SizingRow r) {
            CowSize s = r.cowSize();
            return new Row(r.chunkSizeSectors(), s.chunkSizeBytes(), r.changedChunks(), r.marginChunks(), r.plannedChunks(),
                    r.cappedAtOrigin(), s.headerChunks(), s.metadataChunks(), s.dataChunks(), s.totalChunks(), s.totalSectors(),
                    s.totalBytes(), s.dataBytes(), s.metadataBytes(), s.threadFormulaChunks(), r.metadataOverheadPercent(),
                    r.writeAmplification().isPresent() ? r.writeAmplification().getAsDouble() : null, r.allocationBytes(),
                    r.recommended(), s.threadFormulaSectors());
        }
    }

    /** A plan over several chunk sizes ({@code size --old/--new}, {@code --ranges}; the Plan tab). */
    public record Plan(String mode, String source, long oldSizeBytes, long newSizeBytes, long changedBytes, long changedSectors, long grownBytes,
                       long shrunkBytes, List<String> notes, String margin, long marginBytes, long roundingUnitBytes,
                       long recommendedChunkSizeSectors, List<Row> rows) {
        public static Plan of(SizingPlan p) {
            var c = p.changes();
            return new Plan("plan", c.source().name(), c.oldSizeBytes(), c.newSizeBytes(), c.changedBytes(), c.changedChunks(1), c.grownBytes(),
                    c.shrunkBytes(), c.shrinkNote().stream().toList(), p.margin().describe(), p.marginBytes(),
                    p.roundingUnit().bytes(), p.recommended().map(SizingRow::chunkSizeSectors).orElse(0L),
                    p.rows().stream().map(Row::of).toList());
        }
    }

    /** An Android COW's areas as its writer sizes them ({@code GetCowSizeInfo().cow_size} = their sum). */
    public record AndroidAreas(int version, long headerBytes, long scratchBytes, long sequenceBytes, long resumeBytes,
                               long opBytes, long dataBytes, long footerBytes, long cowSizeBytes, long ops, long clusterOps,
                               long opCountMax, boolean fits) {
        public static AndroidAreas of(AndroidCowSize s) {
            return new AndroidAreas(s.version(), s.headerBytes(), s.scratchBytes(), s.sequenceBytes(), s.resumeBytes(), s.opBytes(),
                    s.dataBytes(), s.footerBytes(), s.cowSizeBytes(), s.ops(), s.clusterOps(), s.opCountMax(), s.fits());
        }
    }

    /** One compression of an Android estimate: the writer's size, AOSP's allocation on top, and the user's margin. */
    public record AndroidRow(String compression, AndroidAreas cow, long replaceDataBytes, long manifestBytes, long deviceBytes,
                             long marginBytes, long allocationBytes) {
        static AndroidRow of(AndroidPairPlan.Row r) {
            return new AndroidRow(r.compression(), AndroidAreas.of(r.size()), r.replaceDataBytes(), r.manifestBytes(),
                    r.deviceBytes(), r.marginBytes(), r.allocationBytes());
        }
    }

    /** {@code size --old --new --android}: the Android COW per compression beside the dm-snapshot COW of the change. */
    public record AndroidPlan(String mode, int version, long blockSize, long compressionFactor, long clusterOps, long scratchBytes,
                              long blocks, long unchangedBlocks, long copyOps, long zeroOps, long replaceBlocks, long replaceOps,
                              long xorOps, long indexedOldBlocks, long indexBytes, long hashCollisions, String margin,
                              long marginBytes, long roundingUnitBytes, List<AndroidRow> android, Row dmSnapshot,
                              List<String> notes) {
        /** @param mode {@code android-plan} (an image pair) or {@code android-ranges} (written ranges: the upper bound) */
        public static AndroidPlan of(AndroidPairPlan p, String mode, List<String> notes) {
            var o = p.options();
            return new AndroidPlan(mode, o.version(), o.blockSize(), o.compressionFactor(), o.clusterOps(), o.bufferBytes(),
                    p.blocks(), p.unchangedBlocks(), p.copyBlocks(), p.zeroBlocks(), p.replaceBlocks(), p.replaceOps(), 0,
                    p.indexedOldBlocks(), p.indexedOldBlocks() * Long.BYTES, p.hashCollisions(), p.dm().margin().describe(),
                    p.dm().marginBytes(), p.dm().roundingUnit().bytes(), p.rows().stream().map(AndroidRow::of).toList(),
                    Row.of(p.dmRow()), notes);
        }
    }

    /** {@code size --android-cow}: an existing file's areas, its size, and whether they agree. */
    public record AndroidLayout(String mode, String file, long fileSizeBytes, AndroidAreas cow, boolean equalToFile,
                                List<String> notes) {
        public static AndroidLayout of(String file, long fileSizeBytes, AndroidCowSize s, List<String> notes) {
            return new AndroidLayout("android-layout", file, fileSizeBytes, AndroidAreas.of(s), s.cowSizeBytes() == fileSizeBytes,
                    List.copyOf(notes));
        }
    }
}
