package dev.cowscope.merge;

import dev.cowscope.format.Rates;
import dev.cowscope.format.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The sentences about a merge that {@code merge plan} prints and the Merge tab shows: written once. */
public final class MergeWording {
    private MergeWording() {
        throw new AssertionError("no instances");
    }

    /** "1.50 s at 100 MiB/s and 5.00 ms per flush: copy 20.0 ms, flushes 1.48 s (98.7 %)". */
    public static String estimate(MergeEstimate e) {
        return String.format(Locale.ROOT, "%s at %s/s and %.3g ms per flush: copy %s, flushes %s (%.1f %%)",
                Rates.seconds(e.totalSeconds()), Units.human((long) e.throughputBytesPerSecond()), e.flushLatencyMillis(),
                Rates.seconds(e.copySeconds()), Rates.seconds(e.flushSeconds()), 100 * e.flushShare());
    }

    /** Why small steps are slow: chunks per step and the rate the merge really moves. Needs at least one step. */
    public static String whySlow(MergeTotals t, MergeEstimate e) {
        return String.format(Locale.ROOT, "%.1f chunks per step on average: each step waits for 2 flushes, so the merge "
                + "moves %s/s, not %s/s", (double) t.chunks() / t.steps(), Units.human((long) e.effectiveBytesPerSecond()),
                Units.human((long) e.throughputBytesPerSecond()));
    }

    /** The warning for steps that start past the origin's end, or empty when there are none. */
    public static String pastOriginEnd(MergePlan plan) {
        return plan.stepsPastOriginEnd() == 0 ? ""
                : plan.stepsPastOriginEnd() + " step(s) write past the origin's end: the kernel stops with \"Write error\"";
    }

    /** "before its metadata commit" / "after its metadata commit". */
    public static String crashPoint(CrashPoint point) {
        return point == CrashPoint.BEFORE_COMMIT ? "before its metadata commit" : "after its metadata commit";
    }

    /**
     * One aspect of strategies A and B side by side, as {@code merge compare} prints it and the
     * Strategy table shows it.
     *
     * @param prose a sentence per strategy rather than a short value (the CLI prints it below the table)
     */
    public record StrategyRow(String aspect, String a, String b, boolean prose) {
    }

    /** The comparison's aspects, in the order both faces show them. */
    public static List<StrategyRow> strategyRows(StrategyComparison.Result r) {
        List<StrategyRow> rows = new ArrayList<>();
        add(rows, r, "Overflows", false, o -> o.overflows() ? "yes, in the " + o.overflowPhase().toString().toLowerCase(Locale.ROOT)
                + " phase, after " + Units.grouped(o.copiesBeforeOverflow()) + " copies" : "no");
        add(rows, r, "Kernel at overflow", true, StrategyComparison.Outcome::kernelReaction);
        add(rows, r, "dmsetup status at end of trial", false, StrategyComparison.Outcome::statusAtEnd);
        add(rows, r, "COW allocated at end", false, o -> Units.human(o.sectorsAllocatedAtEnd() * Units.SECTOR_BYTES) + " ("
                + Units.grouped(o.sectorsAllocatedAtEnd()) + " sectors)");
        add(rows, r, "On success", true, StrategyComparison.Outcome::onSuccess);
        add(rows, r, "On failure", true, StrategyComparison.Outcome::onFailure);
        add(rows, r, "Rollback possible", false, o -> o.rollbackPossible() ? "yes" : "NO");
        add(rows, r, "Merge I/O on success", false, o -> Units.grouped(o.mergeChunksOnSuccess()) + " chunks, "
                + Units.human(o.mergeBytesOnSuccess()));
        add(rows, r, "Merge I/O on failure", false, o -> Units.grouped(o.mergeChunksOnFailure()) + " chunks, "
                + Units.human(o.mergeBytesOnFailure()));
        return rows;
    }

    private static void add(List<StrategyRow> rows, StrategyComparison.Result r, String aspect, boolean prose,
                            Function<StrategyComparison.Outcome, String> f) {
        rows.add(new StrategyRow(aspect, f.apply(r.a()), f.apply(r.b()), prose));
    }
}
