package dev.cowscope.ui.sizing;

import dev.cowscope.format.Units;
import dev.cowscope.sizing.ChangedChunks;
import dev.cowscope.sizing.Margin;
import dev.cowscope.sizing.SizingPlan;
import dev.cowscope.sizing.SizingRow;
import dev.cowscope.ui.common.Formats;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

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

    /** "Margin 10 %" is of the origin: say so wherever the margin's chunks are counted. */
    static String recommendation(SizingPlan plan, SizingRow r) {
        String text = recommendation(r);
        return plan.margin().kind() == Margin.Kind.PERCENT_OF_ORIGIN && r.marginChunks() > 0
                ? text + " (" + plan.margin().describe() + " of the origin)" : text;
    }

    /**
     * Why rounding picked a larger chunk than the smallest exact COW, as {@code size} says it ("ties go
     * to the larger chunk"), or empty when it did not.
     */
    static String tie(SizingPlan plan) {
        SizingRow best = plan.recommended().orElse(null);
        if (best == null) {
            return "";
        }
        SizingRow smallestExact = plan.rows().stream().min(Comparator.comparingLong((SizingRow x) -> x.cowSize().totalBytes())
                .thenComparingLong(SizingRow::chunkSizeSectors)).orElseThrow();
        if (smallestExact.chunkSizeSectors() == best.chunkSizeSectors()) {
            return "";
        }
        List<String> tied = plan.rows().stream().filter(x -> x.allocationBytes() == best.allocationBytes())
                .map(x -> SizingPlan.chunkLabel(x.chunkSizeSectors())).toList();
        String amplification = best.writeAmplification().isPresent() && smallestExact.writeAmplification().isPresent()
                ? String.format(Locale.ROOT, ", %.2f× write amplification instead of %.2f×", best.writeAmplification().getAsDouble(),
                        smallestExact.writeAmplification().getAsDouble())
                : "";
        return "Rounded up to " + Units.human(plan.roundingUnit().bytes()) + ", " + String.join(", ", tied) + " chunks all allocate "
                + Units.human(best.allocationBytes()) + "; ties go to the larger chunk (fewer exceptions to load and merge). "
                + SizingPlan.chunkLabel(smallestExact.chunkSizeSectors()) + " chunks have the smallest exact COW ("
                + Units.human(smallestExact.cowSize().totalBytes()) + " vs " + Units.human(best.cowSize().totalBytes())
                + amplification + "): pick them in the table if that matters more.";
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
