package dev.cowscope.ui.sizing;

import dev.cowscope.format.Units;
import dev.cowscope.sizing.ChangedChunks;
import dev.cowscope.sizing.SizingPlan;
import dev.cowscope.sizing.SizingRow;
import dev.cowscope.ui.common.Formats;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The sentences the Plan tab shows around the numbers. */
final class PlanWording {
    static final String GIVEN_N = "N is taken as the distinct changed chunks at every chunk size (scattered writes, one chunk each); "
            + "compare images or read written ranges for the real count per size.";

    private PlanWording() {
        throw new AssertionError("no instances");
    }

    /** "Recommended: 4K chunks — allocate 1.01 MiB (2 072 sectors) for 257 changed chunks + 0 for the margin". */
    static String recommendation(SizingRow r) {
        return "Recommended: " + SizingPlan.chunkLabel(r.chunkSizeSectors()) + " chunks — allocate " + Units.human(r.allocationBytes())
                + " (" + Formats.grouped(r.allocationBytes() / Units.SECTOR_BYTES) + " sectors) for "
                + Formats.grouped(r.changedChunks()) + " changed chunks"
                + (r.marginChunks() > 0 ? " + " + Formats.grouped(r.plannedChunks() - r.changedChunks()) + " for the margin" : "");
    }

    /**
     * Why a larger chunk is recommended when smaller ones allocate as much (rounding to an LVM
     * extent makes ties common); empty when no smaller chunk ties.
     */
    static Optional<String> tie(SizingPlan plan) {
        Optional<SizingRow> best = plan.recommended();
        if (best.isEmpty()) {
            return Optional.empty();
        }
        SizingRow r = best.get();
        List<String> tied = plan.rows().stream()
                .filter(o -> o.allocationBytes() == r.allocationBytes() && o.chunkSizeSectors() < r.chunkSizeSectors())
                .map(o -> SizingPlan.chunkLabel(o.chunkSizeSectors())).toList();
        if (tied.isEmpty()) {
            return Optional.empty();
        }
        String amplification = r.writeAmplification().isPresent()
                ? String.format(Locale.ROOT, ", though it copies %.2f× the changed bytes", r.writeAmplification().getAsDouble()) : "";
        return Optional.of(String.join(", ", tied) + " chunks allocate the same " + Units.human(r.allocationBytes()) + " as "
                + SizingPlan.chunkLabel(r.chunkSizeSectors()) + "; ties go to the larger chunk (fewer exceptions to load and merge)"
                + amplification + ". Untick it to prefer a smaller chunk.");
    }

    /** What was measured: sizes, changed sectors and bytes, growth. */
    static String measured(ChangedChunks c) {
        StringBuilder s = new StringBuilder();
        if (c.source() == ChangedChunks.Source.IMAGE_PAIR) {
            s.append("Old ").append(Units.human(c.oldSizeBytes())).append(", new ").append(Units.human(c.newSizeBytes())).append(": ");
        }
        s.append(Formats.grouped(c.changedChunks(1))).append(" changed sectors (").append(Units.human(c.changedSectorBytes()))
                .append("), ").append(Formats.grouped(c.changedBytes())).append(" bytes differ");
        if (c.grownBytes() > 0) {
            s.append("; ").append(Units.human(c.grownBytes())).append(" grown, counted as changed");
        }
        return s.toString();
    }

    /** Why there is no plan yet for a mode that measures files. */
    static String missingFiles(PlanInputs.Mode mode, boolean imagesPicked, boolean rangesPicked) {
        if (mode == PlanInputs.Mode.IMAGE_PAIR) {
            return imagesPicked ? "The images were not compared; press Compare" : "Pick the old image (the origin now) and the new image";
        }
        return rangesPicked ? "The ranges file was not read; pick it again" : "Pick a written-ranges file (lines 'offset length', or JSON)";
    }

    static String capitalised(String text) {
        return text == null || text.isEmpty() ? "" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
