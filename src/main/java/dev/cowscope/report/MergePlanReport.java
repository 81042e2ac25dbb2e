package dev.cowscope.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cowscope.format.CowImage;
import dev.cowscope.format.SnapshotStatus;
import dev.cowscope.merge.MergeEstimate;
import dev.cowscope.merge.MergePlan;
import dev.cowscope.merge.MergeSimulator;
import dev.cowscope.merge.MergeState;
import dev.cowscope.merge.MergeStep;
import dev.cowscope.merge.MergeTotals;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The {@code merge plan --json} report, which the Merge tab also exports. Its field names and
 * order are a contract (add fields, never rename them): the records here, not the engine's, say
 * what is printed, so renaming an engine field cannot change the JSON.
 *
 * @param steps every step, with {@code --steps}; null otherwise
 * @param sampledSteps a sample of at most {@value #SAMPLED_STEPS} steps without {@code --steps}; null otherwise
 */
public record MergePlanReport(String cow, long chunkSizeSectors, long exceptionsPerArea, long entries, State initial,
                              Totals totals, Estimate estimate, long stepsPastOriginEnd,
                              @JsonInclude(JsonInclude.Include.NON_NULL) List<StepReport> steps,
                              @JsonInclude(JsonInclude.Include.NON_NULL) List<StepReport> sampledSteps, String finalStatus) {
    /** Steps listed without {@code --steps}. */
    public static final int SAMPLED_STEPS = 12;

    public record State(int stepsDone, String phase, long entriesLeft, long currentArea, long currentCommitted, long nextFree,
                        long originChunksMerged, UsageReport usage) {
        static State of(MergeState s) {
            return new State(s.stepsDone(), s.phase().name(), s.entriesLeft(), s.currentArea(), s.currentCommitted(), s.nextFree(),
                    s.originChunksMerged(), UsageReport.of(s.usage()));
        }
    }

    public record UsageReport(long sectorsAllocated, long totalSectors, long metadataSectors, String statusWord) {
        static UsageReport of(SnapshotStatus u) {
            return new UsageReport(u.sectorsAllocated(), u.totalSectors(), u.metadataSectors(), u.word());
        }
    }

    public record Totals(long steps, long chunks, long bytesRead, long bytesWritten, long metadataWrites, long areaReads,
                         long flushes, long singleChunkSteps) {
        static Totals of(MergeTotals t) {
            return new Totals(t.steps(), t.chunks(), t.bytesRead(), t.bytesWritten(), t.metadataWrites(), t.areaReads(), t.flushes(),
                    t.singleChunkSteps());
        }
    }

    public record Estimate(double throughputBytesPerSecond, double flushLatencyMillis, double copySeconds, double flushSeconds,
                           double totalSeconds, long singleChunkSteps, double effectiveBytesPerSecond) {
        static Estimate of(MergeEstimate e) {
            return new Estimate(e.throughputBytesPerSecond(), e.flushLatencyMillis(), e.copySeconds(), e.flushSeconds(),
                    e.totalSeconds(), e.singleChunkSteps(), e.effectiveBytesPerSecond());
        }
    }

    public record Step(int index, long area, int firstEntry, int chunks, long originFirstChunk, long cowFirstChunk, long copyBytes,
                       boolean entersArea, long committedAfter) {
        static Step of(MergeStep s) {
            return new Step(s.index(), s.area(), s.firstEntry(), s.chunks(), s.originFirstChunk(), s.cowFirstChunk(), s.copyBytes(),
                    s.entersArea(), s.committedAfter());
        }
    }

    /**
     * @param statusDuringCopy the status while the step copies, when its {@code prepare_merge} stepped back an area; else null
     */
    public record StepReport(Step step, @JsonInclude(JsonInclude.Include.NON_NULL) String statusDuringCopy, String statusAfter) {
    }

    /** The report of {@code simulator}'s plan at {@code estimate}; {@code allSteps} lists every step, else a sample. */
    public static MergePlanReport of(MergeSimulator simulator, MergeEstimate estimate, boolean allSteps) {
        MergePlan plan = simulator.plan();
        CowImage image = plan.image();
        List<StepReport> list = IntStream.of(stepIndexes(plan.stepCount(), allSteps))
                .mapToObj(k -> new StepReport(Step.of(plan.step(k)), simulator.prepared(k).map(simulator::status).orElse(null),
                        simulator.status(simulator.afterSteps(k + 1))))
                .toList();
        return new MergePlanReport(image.source().path(), plan.layout().chunkSizeSectors(), plan.layout().exceptionsPerArea(),
                image.exceptions().size(), State.of(simulator.initial()), Totals.of(plan.totals()), Estimate.of(estimate),
                plan.stepsPastOriginEnd(), allSteps ? list : null, allSteps ? null : list,
                simulator.status(simulator.afterSteps(plan.stepCount())));
    }

    /** The steps listed: all of them, or at most {@value #SAMPLED_STEPS} spread evenly from the first to the last. */
    public static int[] stepIndexes(int stepCount, boolean allSteps) {
        if (allSteps || stepCount <= SAMPLED_STEPS) {
            return IntStream.range(0, stepCount).toArray();
        }
        return IntStream.range(0, SAMPLED_STEPS).map(i -> (int) ((long) i * (stepCount - 1) / (SAMPLED_STEPS - 1))).distinct().toArray();
    }
}
