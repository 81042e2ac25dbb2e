package dev.cowscope.alignment;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything {@link AlignmentRules} predicts for one table, for the CLI and the GUI.
 *
 * @param kernelMessages         the lines {@code dmsetup create} would make the kernel print, in order
 *                               (when {@link Decision#UNKNOWN}: if every line fits its device)
 * @param decision               whether {@code dmsetup create} succeeds, or that it cannot be told
 * @param resultingLimits        the dm device's stacked limits when accepted (or when unknown: if accepted)
 * @param build                  how the table was built from extents, when it was
 * @param notChecked             the kernel checks that could not be made, and why (empty when all were)
 */
public record AlignmentReport(KernelVersion kernel, LinearTable table, List<LineReport> lines,
                              List<KernelMessage> kernelMessages, Decision decision,
                              Optional<StackedLimits> resultingLimits, Optional<TableBuild> build,
                              List<String> notChecked) {
    /** The table-wide answer. UNKNOWN: no rejection found, but a check that needs a missing value was not made. */
    public enum Decision { ACCEPTED, REJECTED, UNKNOWN }

    public AlignmentReport {
        lines = List.copyOf(lines);
        kernelMessages = List.copyOf(kernelMessages);
        notChecked = List.copyOf(notChecked);
    }

    public AlignmentReport withBuild(TableBuild tableBuild) {
        return new AlignmentReport(kernel, table, lines, kernelMessages, decision, resultingLimits,
            Optional.of(tableBuild), notChecked);
    }

    /** {@code dmsetup create} succeeds, as far as every check could be made. */
    public boolean accepted() {
        return decision == Decision.ACCEPTED;
    }

    /** The kernel refuses the table (certain even when some checks could not be made). */
    public boolean rejected() {
        return decision == Decision.REJECTED;
    }

    public int uncheckedLines() {
        return (int) lines.stream().filter(l -> l.verdict() == Verdict.UNKNOWN).count();
    }

    /** {@code /sys/block/dm-N/alignment_offset} after the create: -1 when misaligned; empty unless accepted. */
    public OptionalLong predictedAlignmentOffset() {
        return resultingLimits.filter(l -> accepted()).map(l -> OptionalLong.of(l.sysfsAlignmentOffset())).orElse(OptionalLong.empty());
    }

    public int rejectedLines() {
        return (int) lines.stream().filter(l -> l.verdict() == Verdict.REJECT).count();
    }

    public int warnedLines() {
        return (int) lines.stream().filter(l -> l.verdict() == Verdict.WARN).count();
    }

    /** E.g. {@code 2 lines rejected, 3 warnings}, plus unusable extents when built from extents. */
    public String summary() {
        int rejected = rejectedLines();
        int warned = warnedLines();
        String s = rejected + (rejected == 1 ? " line" : " lines") + " rejected, " + warned
            + (warned == 1 ? " warning" : " warnings");
        int unchecked = uncheckedLines();
        if (unchecked > 0) {
            s += ", " + unchecked + (unchecked == 1 ? " line" : " lines") + " not checked";
        }
        long unusable = build.map(b -> b.issues().stream().filter(BuildIssue::error).count()).orElse(0L);
        if (unusable > 0) {
            s += ", " + unusable + (unusable == 1 ? " extent problem" : " extent problems");
        }
        return s;
    }

    /** One sentence on the outcome, e.g. {@code the kernel accepts the table; alignment_offset -1 (misaligned)}. */
    public String outcome() {
        if (table.lines().isEmpty()) {
            return "the table is empty";
        }
        if (decision == Decision.REJECTED) {
            return "the kernel rejects the table (dmsetup create fails)";
        }
        if (decision == Decision.UNKNOWN) {
            return "UNKNOWN: cannot tell whether dmsetup create succeeds: " + String.join("; ", notChecked);
        }
        long ao = predictedAlignmentOffset().orElse(0);
        return "the kernel accepts the table; the dm device reports alignment_offset " + ao
            + (ao < 0 ? " (misaligned)" : "");
    }

    /** The table text. */
    public String tableText() {
        return table.render();
    }
}
