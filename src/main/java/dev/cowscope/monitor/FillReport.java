package dev.cowscope.monitor;

import dev.cowscope.format.Finding;
import dev.cowscope.format.FindingKind;
import dev.cowscope.format.Location;
import dev.cowscope.format.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What a recorded status log says about a snapshot's fill: the one report both faces render
 * ({@code cowscope fill-log} and the Monitor tab). The per-sample predictions are not held: they are
 * replayed from the log's samples on demand ({@link #forEachPoint}), so a report costs the samples'
 * columns and nothing per prediction.
 *
 * @param log the log as read
 * @param chunkSize the chunk size the model used, and where it came from
 * @param thresholds the thresholds asked for
 * @param summary the tracker after the last sample (first/last times, crossings, events)
 * @param last the model's view at the last sample, or null for an empty log
 * @param findings the log's findings and the events worth a word, in time order of kind
 */
public record FillReport(StatusLog log, ChunkSize chunkSize, FillThresholds thresholds, FillTracker summary,
                         FillPoint last, List<Finding> findings) {
    /** The chunk size and how it was known. */
    public record ChunkSize(long sectors, Source source) {
        public enum Source { GIVEN, INFERRED, INFERRED_AMBIGUOUS, UNKNOWN }
    }

    /**
     * Runs the fill model over a log.
     *
     * @param chunkSizeSectors the snapshot's chunk size when known (its table says it), else 0 to infer it
     */
    public static FillReport of(StatusLog log, long chunkSizeSectors, FillThresholds thresholds) {
        ChunkSize cs;
        if (chunkSizeSectors > 0) {
            cs = new ChunkSize(chunkSizeSectors, ChunkSize.Source.GIVEN);
        } else {
            ChunkSizeGuess g = ChunkSizeGuess.of(log.series());
            cs = g.chunkSizeSectors() == 0 ? new ChunkSize(0, ChunkSize.Source.UNKNOWN)
                    : new ChunkSize(g.chunkSizeSectors(), g.ambiguous() ? ChunkSize.Source.INFERRED_AMBIGUOUS
                            : ChunkSize.Source.INFERRED);
        }
        FillTracker tracker = new FillTracker(cs.sectors(), thresholds);
        FillPoint[] last = {null};
        replay(log.series(), tracker, p -> last[0] = p);
        return new FillReport(log, cs, thresholds, tracker, last[0], findings(log, tracker));
    }

    /** Every sample's point, in order, computed again from the samples. */
    public void forEachPoint(Consumer<FillPoint> sink) {
        replay(log.series(), new FillTracker(chunkSize.sectors(), thresholds), sink);
    }

    private static void replay(FillSeries series, FillTracker tracker, Consumer<FillPoint> sink) {
        for (int i = 0; i < series.size(); i++) {
            sink.accept(tracker.add(series.micros(i), series.status(i), series.merging(i)));
        }
    }

    /** Whether the snapshot was lost in the log: Invalid, Overflow or Merge failed seen. */
    public boolean lost() {
        return summary.becameInvalidAt() != FillPoint.NEVER || summary.becameOverflowAt() != FillPoint.NEVER
                || summary.mergeFailedAt() != FillPoint.NEVER;
    }

    private static List<Finding> findings(StatusLog log, FillTracker t) {
        List<Finding> out = new ArrayList<>(log.findings());
        for (int i = 0; i < t.thresholds().count(); i++) {
            int p = t.thresholds().percent(i);
            if (t.thresholdAt(i) != FillPoint.NEVER) {
                Severity s = p >= FillThresholds.WARNING_FROM ? Severity.WARNING : Severity.INFO;
                out.add(new Finding(s, FindingKind.FILL_THRESHOLD, Location.DEVICE,
                        String.format(Locale.ROOT, "%d %% full at %s", p, LogTime.text(t.thresholdAt(i)))));
            }
        }
        event(out, FindingKind.SNAPSHOT_INVALID, t.becameInvalidAt(), "became Invalid at %s: the snapshot is lost",
                "size the COW for the whole change (cowscope size) or extend it before it fills (lvextend)");
        event(out, FindingKind.SNAPSHOT_OVERFLOW, t.becameOverflowAt(),
                "overflowed at %s: writes that need a new chunk fail from here", "extend the COW or stop writing");
        event(out, FindingKind.MERGE_FAILED, t.mergeFailedAt(), "the merge failed at %s", "");
        event(out, FindingKind.SNAPSHOT_REPLACED, t.replacedAt(),
                "the allocated count dropped at %s without a merge: read as a new snapshot (the rate starts again)", "");
        event(out, FindingKind.STATUS_INCONSISTENT, t.inconsistentAt(),
                "at %s the numbers are not what the kernel prints at this chunk size", "give the table's chunk size with --chunk-size");
        return List.copyOf(out);
    }

    private static void event(List<Finding> out, FindingKind kind, long at, String format, String hint) {
        if (at != FillPoint.NEVER) {
            out.add(Finding.of(kind, Location.DEVICE, String.format(Locale.ROOT, format, LogTime.text(at)), hint));
        }
    }
}
