package dev.cowscope.ui.merge;

import dev.cowscope.format.Rates;
import dev.cowscope.format.Units;
import dev.cowscope.merge.MergeEstimate;
import dev.cowscope.merge.MergePlan;
import dev.cowscope.merge.MergeSimulator;
import dev.cowscope.merge.MergeState;
import dev.cowscope.merge.MergeStep;
import dev.cowscope.ui.common.Formats;
import java.util.Locale;

/**
 * What the tab shows at one step; every text is ready to display.
 *
 * @param title which step, of how many
 * @param statusLine {@code dmsetup status} after the committed steps
 * @param statusDuringCopy the status while the current step copies, when its {@code prepare_merge} stepped back an area
 * @param currentCowChunk the current step's first COW chunk, or -1
 */
public record MergeStepView(int stepsDone, String title, String originRange, String cowRange, String bytes, String area,
                            String statusLine, String statusDuringCopy, String entriesLeft, String chunksMerged, String bytesCopied,
                            String flushes, String elapsed, boolean finished, long currentCowChunk) {
    static final MergeStepView NONE = new MergeStepView(0, "No plan", "—", "—", "—", "—", "", "", "—", "—", "—", "—", "—", false, -1);

    /** The view after {@code k} committed steps of {@code p}; {@code estimate} may be null. */
    static MergeStepView of(PlannedMerge p, int k, MergeEstimate estimate) {
        MergePlan plan = p.plan();
        MergeSimulator simulator = p.simulator();
        int n = plan.stepCount();
        MergeState state = simulator.afterSteps(k);
        String status = simulator.status(state);
        String entries = Formats.grouped(state.entriesLeft()) + " of " + Formats.grouped(plan.image().exceptions().size());
        String merged = Formats.grouped(state.originChunksMerged()) + " of " + Formats.grouped(plan.totals().chunks());
        String copied = Units.human(simulator.bytesCopiedBy(k)) + " of " + Units.human(plan.totals().bytesWritten());
        String flushes = Formats.grouped(2L * k) + " (" + Formats.grouped(k) + " area writes)";
        String elapsed = estimate == null ? "—"
                : Rates.seconds(estimate.secondsAfter(simulator.bytesCopiedBy(k), k)) + " of " + Rates.seconds(estimate.totalSeconds());
        if (k >= n) {
            String title = n == 0 ? "Nothing to merge: the table is empty" : "Merge complete: all " + Formats.grouped(n) + " steps committed";
            return new MergeStepView(k, title, "—", "—", "—", "—", status, "", entries, merged, copied, flushes, elapsed, true, -1);
        }
        MergeStep s = plan.step(k);
        long chunkBytes = plan.layout().chunkSizeBytes();
        String title = "Step " + Formats.grouped(k) + " of " + Formats.grouped(n) + " (" + Formats.grouped(k) + " committed; this one is next)";
        String origin = range("origin chunks", s.originFirstChunk(), s.chunks(), chunkBytes);
        String cow = range("COW chunks", s.cowFirstChunk(), s.chunks(), chunkBytes);
        String bytes = Formats.bytes(s.copyBytes()) + " (" + s.chunks() + (s.chunks() == 1 ? " chunk)" : " chunks)");
        long slotFirst = s.committedAfter();
        String slots = s.chunks() == 1 ? "entry " + slotFirst : "entries " + slotFirst + "…" + (slotFirst + s.chunks() - 1);
        String area = String.format(Locale.ROOT, "area %d (metadata chunk %s): %s zeroed, then written with REQ_PREFLUSH|REQ_FUA%s",
                s.area(), Formats.grouped(plan.layout().areaLocation(s.area())), slots,
                s.entersArea() ? "; prepare_merge first re-reads this area (current_area drops)" : "");
        String during = simulator.prepared(k).map(simulator::status).orElse("");
        return new MergeStepView(k, title, origin, cow, bytes, area, status, during, entries, merged, copied, flushes, elapsed, false,
                s.cowFirstChunk());
    }

    private static String range(String what, long first, int count, long chunkBytes) {
        String chunks = count == 1 ? Formats.unsigned(first) : Formats.unsigned(first) + " … " + Formats.unsigned(first + count - 1);
        return what + " " + chunks + "  (bytes @" + Formats.hex(first * chunkBytes) + ")";
    }
}
