package dev.cowscope.report;

import dev.cowscope.merge.StrategyComparison;

/**
 * The {@code merge compare --json} report. Its field names and order are a contract (add fields,
 * never rename them), independent of the engine's {@link StrategyComparison} records.
 */
public record MergeCompareReport(Inputs inputs, long chunksNeeded, long capacityChunks, long minimumCowBytes, Outcome a,
                                 Outcome b) {

    public record Inputs(long changedChunks, long trialWriteChunks, long overlapChunks, long cowSizeBytes, long chunkSizeBytes,
                         String store) {
    }

    public record Outcome(String strategy, boolean overflows, String overflowPhase, long copiesBeforeOverflow,
                          String kernelReaction, long sectorsAllocatedAtEnd, String statusAtEnd, String onSuccess, String onFailure,
                          boolean rollbackPossible, long mergeChunksOnSuccess, long mergeBytesOnSuccess, long mergeChunksOnFailure,
                          long mergeBytesOnFailure) {
        static Outcome of(StrategyComparison.Outcome o) {
            return new Outcome(o.strategy().name(), o.overflows(), o.overflowPhase().name(), o.copiesBeforeOverflow(),
                    o.kernelReaction(), o.sectorsAllocatedAtEnd(), o.statusAtEnd(), o.onSuccess(), o.onFailure(),
                    o.rollbackPossible(), o.mergeChunksOnSuccess(), o.mergeBytesOnSuccess(), o.mergeChunksOnFailure(),
                    o.mergeBytesOnFailure());
        }
    }

    public static MergeCompareReport of(StrategyComparison.Result r) {
        StrategyComparison.Inputs in = r.inputs();
        return new MergeCompareReport(new Inputs(in.changedChunks(), in.trialWriteChunks(), in.overlapChunks(), in.cowSizeBytes(),
                in.chunkSizeBytes(), in.store().name()), r.chunksNeeded(), r.capacityChunks(), r.minimumCowBytes(),
                Outcome.of(r.a()), Outcome.of(r.b()));
    }
}
