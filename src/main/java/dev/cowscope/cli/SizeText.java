package dev.cowscope.cli;

import dev.cowscope.format.Units;
import dev.cowscope.sizing.ChangedChunks;
import dev.cowscope.sizing.CowCapacity;
import dev.cowscope.sizing.CowSize;
import dev.cowscope.sizing.CowSizeCalculator;
import dev.cowscope.sizing.SizingPlan;
import dev.cowscope.sizing.SizingRow;
import dev.cowscope.sizing.WhenFull;
import java.io.PrintWriter;
import java.util.Locale;

/** The {@code size} verb's text output: aligned columns, human sizes with exact sectors beside them. */
final class SizeText {
    private SizeText() {
        throw new AssertionError("no instances");
    }

    /** {@code 3.93 MiB (8040 s)}. */
    static String sized(long bytes) {
        return Units.human(bytes) + " (" + bytes / Units.SECTOR_BYTES + " s)";
    }

    static String chunkSize(CowSizeCalculator c) {
        return SizingPlan.chunkLabel(c.chunkSizeSectors()) + " (" + c.chunkSizeSectors() + " sectors), "
                + c.exceptionsPerArea() + " exceptions per metadata area";
    }

    /** A one-row plan: the given count at one chunk size, the margin's chunks on top. */
    static void calculation(PrintWriter out, CowSizeCalculator calculator, SizingPlan plan) {
        SizingRow r = plan.rows().get(0);
        CowSize size = r.cowSize();
        long n = size.changedChunks();
        out.printf(Locale.ROOT, "Chunk size        %s%n", chunkSize(calculator));
        out.printf(Locale.ROOT, "Changed chunks    %d%n", r.changedChunks());
        if (plan.marginBytes() > 0) {
            out.printf(Locale.ROOT, "Margin            %s = %s, %d bytes = %d chunks%n", plan.margin().describe(),
                    Units.human(plan.marginBytes()), plan.marginBytes(), r.marginChunks());
            out.printf(Locale.ROOT, "Planned chunks    %d%s%n", n, r.cappedAtOrigin() ? " (capped at the origin's chunk count)" : "");
        }
        out.println();
        out.printf(Locale.ROOT, "%-16s %12s %14s  %s%n", "", "chunks", "sectors", "bytes");
        row(out, "Header", size.headerChunks(), size.headerBytes());
        row(out, "Metadata", size.metadataChunks(), size.metadataBytes());
        row(out, "Data", size.dataChunks(), size.dataBytes());
        row(out, "Total COW", size.totalChunks(), size.totalBytes());
        out.printf(Locale.ROOT, "%-16s %12d %14d  1 + 1 + %d + %d/%d (%s)%n", "Thread formula", size.threadFormulaChunks(),
                size.threadFormulaSectors(), n, n, calculator.exceptionsPerArea(),
                size.threadFormulaChunks() == size.totalChunks() ? "same" : "DIFFERS");
        out.printf(Locale.ROOT, "%nAllocate          %s, %d bytes (rounded up to %s)%n", sized(r.allocationBytes()), r.allocationBytes(),
                Units.compact(plan.roundingUnit().bytes()));
        out.printf(Locale.ROOT, "Status when full  %s   (dmsetup status, COW of exactly %d sectors)%n",
                calculator.statusAfter(n, size.totalBytes(), WhenFull.INVALIDATE).params(), size.totalSectors());
        if (plan.marginBytes() > 0) {
            out.printf(Locale.ROOT, "Headroom: %d distinct chunks beyond the %d changed ones; one more than %d and the snapshot is "
                    + "invalidated (P, or an origin write) or overflows (PO).%n", n - r.changedChunks(), r.changedChunks(), n);
        } else {
            out.printf(Locale.ROOT, "No headroom: one distinct chunk more than %d and the snapshot is invalidated (P, or an origin write) "
                    + "or overflows (PO). Add --margin for run-time writes.%n", n);
        }
    }

    private static void row(PrintWriter out, String label, long chunks, long bytes) {
        out.printf(Locale.ROOT, "%-16s %12d %14d  %s%n", label, chunks, bytes / Units.SECTOR_BYTES, Units.human(bytes));
    }

    static void capacity(PrintWriter out, CowSizeCalculator calculator, CowCapacity c) {
        out.printf(Locale.ROOT, "Chunk size        %s%n", chunkSize(calculator));
        out.printf(Locale.ROOT, "COW size          %s, %d bytes = %d whole chunks%n", sized(c.cowSizeBytes()), c.cowSizeBytes(), c.usableChunks());
        if (!c.creatable()) {
            out.printf(Locale.ROOT, "Fits              nothing: the kernel needs 2 chunks (header and area 0); the table load fails%n");
            return;
        }
        out.printf(Locale.ROOT, "Fits              %d distinct changed chunks (%s of data)%n", c.maxChangedChunks(),
                sized(c.maxChangedChunks() * calculator.chunkSizeBytes()));
        out.printf(Locale.ROOT, "Status when full  %s%n", calculator.statusAfter(c.maxChangedChunks(), c.cowSizeBytes(), WhenFull.INVALIDATE).params());
        out.printf(Locale.ROOT, "One chunk more    P or origin write: %s; PO and a snapshot write: %s%n",
                calculator.statusAfter(c.maxChangedChunks() + 1, c.cowSizeBytes(), WhenFull.INVALIDATE).params(),
                calculator.statusAfter(c.maxChangedChunks() + 1, c.cowSizeBytes(), WhenFull.OVERFLOW).params());
        if (c.spareChunks() > 0 || c.unusedTailBytes() > 0) {
            out.printf(Locale.ROOT, "Never used        %d whole chunks + %d bytes past the last whole chunk%n", c.spareChunks(), c.unusedTailBytes());
        }
    }

    static void plan(PrintWriter out, SizingPlan plan, String describeInput) {
        ChangedChunks c = plan.changes();
        out.println(describeInput);
        out.printf(Locale.ROOT, "Changed sectors   %s, %d bytes in %d sectors (%d bytes differ)%n", Units.human(c.changedSectorBytes()),
                c.changedSectorBytes(), c.changedChunks(1), c.changedBytes());
        if (c.grownBytes() > 0) {
            out.printf(Locale.ROOT, "Grown             %s, %d bytes past the old end, counted as changed%n", Units.human(c.grownBytes()), c.grownBytes());
        }
        c.shrinkNote().ifPresent(note -> out.println("Note              " + note));
        out.printf(Locale.ROOT, "Margin            %s = %s, %d bytes%n", plan.margin().describe(), Units.human(plan.marginBytes()), plan.marginBytes());
        out.printf(Locale.ROOT, "Round up to       %s%n%n", Units.compact(plan.roundingUnit().bytes()));
        String format = "%1s %5s %10s %9s %10s %22s %20s %22s %17s %7s %6s %22s%n";
        out.printf(Locale.ROOT, format, "", "chunk", "changed", "+margin", "planned", "data", "metadata+header",
                "total COW", "thread formula", "meta %", "ampl", "allocate");
        for (SizingRow r : plan.rows()) {
            CowSize s = r.cowSize();
            out.printf(Locale.ROOT, format, r.recommended() ? "*" : "", SizingPlan.chunkLabel(r.chunkSizeSectors()),
                    r.changedChunks(), r.marginChunks(), r.plannedChunks() + (r.cappedAtOrigin() ? "^" : ""),
                    sized(s.dataBytes()), sized(s.headerBytes() + s.metadataBytes()), sized(s.totalBytes()),
                    s.threadFormulaSectors() + " s " + (s.threadFormulaChunks() == s.totalChunks() ? "same" : "DIFF"),
                    String.format(Locale.ROOT, "%.2f", r.metadataOverheadPercent()),
                    r.writeAmplification().isPresent() ? String.format(Locale.ROOT, "%.2f", r.writeAmplification().getAsDouble()) : "-",
                    sized(r.allocationBytes()));
        }
        out.println();
        out.println("* recommended: the smallest allocation; ties go to the larger chunk.");
        if (plan.rows().stream().anyMatch(SizingRow::cappedAtOrigin)) {
            out.println("^ capped at the origin's chunk count: a snapshot never needs more exceptions than that.");
        }
        out.println("Total COW = 2 + n + floor(n/E) chunks (exact, kernel next_free); the thread formula 1 + 1 + n + n/E gives the same.");
        out.println("ampl = COW bytes for the change alone / bytes of the changed sectors. The margin is counted as whole new chunks.");
    }
}
