package dev.cowscope.cli;

import dev.cowscope.android.AndroidCow;
import dev.cowscope.android.AndroidCowOps;
import dev.cowscope.android.AndroidMergeOrder;
import dev.cowscope.android.AndroidMergePlan;
import dev.cowscope.android.AndroidOpType;
import dev.cowscope.format.Finding;
import dev.cowscope.format.Severity;
import dev.cowscope.format.Units;
import dev.cowscope.report.AndroidMergePlanReport;
import dev.cowscope.report.FixedColumns;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code merge plan} of an Android COW: AOSP's merge order ({@link AndroidMergeOrder}), as a summary and
 * a table of steps, or as JSON. Exit 1 when AOSP's reader cannot parse the file or a finding is an error.
 */
final class AndroidMergePlanOutput {
    private AndroidMergePlanOutput() {
    }

    static int print(AndroidCow cow, AndroidMergePlan plan, boolean json, boolean allSteps, boolean reverse, PrintWriter out)
            throws java.io.IOException {
        List<Finding> findings = new ArrayList<>(cow.findings());
        findings.addAll(plan.findings());
        if (json) {
            AndroidMergePlanReport.write(cow, plan, allSteps, reverse, out);
        } else {
            printText(cow, plan, findings, allSteps, reverse, out);
        }
        out.flush();
        boolean error = !plan.readerParseOk() || findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
        return error ? ExitCode.FINDINGS : ExitCode.OK;
    }

    private static void printText(AndroidCow cow, AndroidMergePlan plan, List<Finding> findings, boolean allSteps,
                                  boolean reverse, PrintWriter out) {
        row(out, "COW", String.format(Locale.ROOT, "%s  (%s, %s, block size %d)", cow.name(), cow.formatName(),
                Units.human(cow.sizeBytes()), plan.blockSize()));
        row(out, "parse", plan.readerParseOk() ? "ok (AOSP's CowReader::Parse, merge preparation included)"
                : "fails in AOSP: " + plan.error());
        row(out, "reader", plan.userspace() ? "USERSPACE_MERGE (snapuserd: other ops by new block, ascending)"
                : "DEFAULT (dm-snapshot-merge: other ops by new block, descending; --userspace for snapuserd's)");
        row(out, "order", plan.kind().description() + (plan.sequence().length > 0
                ? String.format(Locale.ROOT, " (%d sequence entries)", plan.sequence().length) : ""));
        if (plan.readerParseOk()) {
            row(out, "steps", String.format(Locale.ROOT, "%d to merge (num_total_data_ops), the first %d ordered; "
                    + "%d ordered left (num_ordered_ops_to_merge)", plan.numTotalDataOps(), plan.orderedCount(),
                    plan.numOrderedOpsToMerge()));
            row(out, "merged", merged(cow, plan));
            row(out, "verify", plan.verifyOk() ? "consistent (VerifyMergeOps: \"Merge sequence is consistent.\")"
                    : String.format(Locale.ROOT, "inconsistent at step %d (VerifyMergeOps): %s", plan.verifyFailStep(),
                    plan.verifyError()));
        }
        out.println();
        out.printf(Locale.ROOT, "Findings (%d)%n", findings.size());
        if (findings.isEmpty()) {
            out.println("  none");
        }
        for (Finding f : findings) {
            out.printf(Locale.ROOT, "  %-7s %-32s %s%n", f.severity(), f.kind(), f.location());
            out.printf(Locale.ROOT, "          %s%n", f.message());
        }
        if (plan.numTotalDataOps() == 0) {
            return;
        }
        out.println();
        String order = reverse ? "reverse merge order, last step first" : "merge order";
        out.println(allSteps ? "Steps (" + order + "):" : "Sampled steps (" + order + "; --steps lists all):");
        out.printf(Locale.ROOT, "%9s %9s  %-8s %10s  %-24s %s%n", "step", "op", "type", "new block", "source", "merged");
        AndroidCowOps ops = cow.ops();
        StringBuilder line = new StringBuilder(96);
        for (int step : AndroidMergePlanReport.listedSteps(plan, allSteps, reverse)) {
            int op = plan.order()[step];
            line.setLength(0);
            FixedColumns.pad(line, Integer.toString(step), 9, true).append(' ');
            FixedColumns.pad(line, Integer.toString(op), 9, true).append("  ");
            FixedColumns.pad(line, AndroidOpType.name(ops.type(op)), 8, false).append(' ');
            FixedColumns.pad(line, Long.toString(ops.newBlock(op)), 10, true).append("  ");
            FixedColumns.pad(line, source(ops, op), 24, false).append(' ').append(plan.merged(step) ? "yes" : "");
            out.println(line);
        }
    }

    private static String merged(AndroidCow cow, AndroidMergePlan plan) {
        String start = "GetOpIter(true) starts at raw op " + plan.opIterMergeProgressStart(cow);
        if (plan.numMergeOps() == 0) {
            return "0 (num_merge_ops): nothing merged yet; " + start;
        }
        int next = plan.firstPendingStep();
        if (next >= plan.numTotalDataOps()) {
            return Long.toUnsignedString(plan.numMergeOps()) + " (num_merge_ops): every step is merged; " + start;
        }
        int op = plan.order()[next];
        return String.format(Locale.ROOT, "%s (num_merge_ops): a resumed merge starts at step %d, op %d (%s new block %d); %s",
                Long.toUnsignedString(plan.numMergeOps()), next, op, AndroidOpType.name(cow.ops().type(op)),
                cow.ops().newBlock(op), start);
    }

    /** COPY: the source block; XOR: the byte offset in the source image; REPLACE: where its data is in the COW. */
    private static String source(AndroidCowOps ops, int op) {
        int type = ops.type(op);
        if (type == AndroidOpType.COPY) {
            return "block " + ops.source(op);
        } else if (type == AndroidOpType.XOR) {
            return "byte " + ops.source(op);
        }
        return ops.dataOffset(op) >= 0 ? "data @" + ops.dataOffset(op) : "-";
    }

    private static void row(PrintWriter out, String label, String value) {
        out.printf(Locale.ROOT, "%-12s %s%n", label, value);
    }
}
