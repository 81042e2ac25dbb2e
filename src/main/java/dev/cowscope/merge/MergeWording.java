package dev.cowscope.merge;

import dev.cowscope.format.Rates;
import dev.cowscope.format.Units;
import java.util.Locale;

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
}
