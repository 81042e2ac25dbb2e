package dev.cowscope.alignment;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything {@link AlignmentRules} predicts for one table, for the CLI and the GUI.
 *
 * @param kernelMessages         the lines {@code dmsetup create} would make the kernel print, in order
 * @param accepted               {@code dmsetup create} succeeds
 * @param resultingLimits        the dm device's stacked limits when accepted
 * @param build                  how the table was built from extents, when it was
 */
public record AlignmentReport(KernelVersion kernel, LinearTable table, List<LineReport> lines,
                              List<KernelMessage> kernelMessages, boolean accepted,
                              Optional<StackedLimits> resultingLimits, Optional<TableBuild> build) {
    public AlignmentReport {
        lines = List.copyOf(lines);
        kernelMessages = List.copyOf(kernelMessages);
    }

    public AlignmentReport withBuild(TableBuild tableBuild) {
        return new AlignmentReport(kernel, table, lines, kernelMessages, accepted, resultingLimits,
            Optional.of(tableBuild));
    }

    /** {@code /sys/block/dm-N/alignment_offset} after the create: -1 when misaligned; empty when rejected. */
    public OptionalLong predictedAlignmentOffset() {
        return resultingLimits.map(l -> OptionalLong.of(l.sysfsAlignmentOffset())).orElse(OptionalLong.empty());
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
        if (!accepted) {
            return "the kernel rejects the table (dmsetup create fails)";
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
