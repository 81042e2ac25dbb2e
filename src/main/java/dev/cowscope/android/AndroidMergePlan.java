package dev.cowscope.android;

import dev.cowscope.format.Finding;
import java.util.List;

/**
 * What AOSP's {@code CowReader} prepares for a merge ({@code PrepMergeOps}) and what
 * {@code VerifyMergeOps} says of it, for one reader flavour. The merge order is
 * {@code block_pos_index_}: op indices (into {@link AndroidCow#ops()}) in the order the merge writes
 * them, the ordered ops first. The same op can appear twice (two entries naming one new block map
 * to its first op, as in AOSP). Primitive arrays only: 4 bytes a step; {@code order} and {@code sequence}
 * are the plan's own arrays, not copies (read them, do not change them).
 *
 * @param readerParseOk  AOSP's {@code CowReader::Parse} verdict: the parser's, then the merge preparation's
 * @param error          AOSP's reason when {@code readerParseOk} is false (its log line), else null
 * @param kind           how the ordered part of the order was chosen
 * @param userspace      the {@code USERSPACE_MERGE} flavour (other ops ascending) rather than {@code DEFAULT}
 * @param sequence       the sequence data read (v2: every {@code kCowSequenceOp}'s entries in stream
 *                       order; v3: the sequence buffer); empty when there is none
 * @param order          the merge order as op indices; empty when {@code readerParseOk} is false
 * @param orderedCount   how many leading entries of {@code order} are the ordered part ({@code merge_op_blocks}
 *                       before the other ops are appended)
 * @param numMergeOps    the header's {@code num_merge_ops} (u64): steps already merged, where a resume starts
 * @param verifyOk       AOSP's {@code VerifyMergeOps} verdict (false when the parse failed)
 * @param verifyError    AOSP's reason when {@code verifyOk} is false, else null
 * @param verifyFailStep the step at which {@code VerifyMergeOps} stops, -1 when it passes or never ran
 */
public record AndroidMergePlan(int version, long blockSize, boolean readerParseOk, String error, OrderKind kind,
                               boolean userspace, int[] sequence, int[] order, int orderedCount, long numMergeOps,
                               boolean verifyOk, String verifyError, int verifyFailStep, List<Finding> findings) {

    /** How the ordered part of the merge order is chosen. */
    public enum OrderKind {
        /** Sequence data (v2 {@code kCowSequenceOp}, v3 sequence buffer) lists the ordered ops' blocks. */
        SEQUENCE_DATA("with sequence data: the listed blocks first, then every other op by new block"),
        /** v2 without sequence data: COPY/XOR ops in stream order, then the other ops by new block. */
        ORDERED_THEN_SORTED("without sequence data: COPY/XOR in stream order, then the other ops by new block"),
        /** v3 without sequence data: every op in stream order (nothing is sorted). */
        STREAM_ORDER("without sequence data: every op in stream order"),
        /** The parse failed: there is no order. */
        NONE("none: AOSP's reader does not parse the file");

        private final String description;

        OrderKind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** The parse's findings and then this preparation's: everything AOSP's {@code CowReader::Parse} of the file shows. */
    public List<Finding> findingsAfter(AndroidCow cow) {
        if (findings.isEmpty()) {
            return cow.findings();
        }
        List<Finding> all = new java.util.ArrayList<>(cow.findings());
        all.addAll(findings);
        return List.copyOf(all);
    }

    /** {@code get_num_total_data_ops()}: the length of the merge order, merged steps included. */
    public int numTotalDataOps() {
        return order.length;
    }

    /** {@code get_num_ordered_ops_to_merge()}: ordered steps not merged yet. */
    public long numOrderedOpsToMerge() {
        return Long.compareUnsigned(orderedCount, numMergeOps) > 0 ? orderedCount - numMergeOps : 0;
    }

    /**
     * The first step not merged yet, where a resumed merge starts ({@code GetMergeOpIter()}); the
     * order's length when {@code num_merge_ops} covers it all (AOSP's iterators would start past
     * the end when it exceeds the length: see the findings).
     */
    public int firstPendingStep() {
        return Long.compareUnsigned(numMergeOps, order.length) >= 0 ? order.length : (int) numMergeOps;
    }

    /** Whether step {@code step} is already merged ({@code step < num_merge_ops}). */
    public boolean merged(int step) {
        return step < firstPendingStep();
    }

    /**
     * {@code GetOpIter(true)}'s first op: raw op index {@code num_merge_ops} into the op stream
     * (counting v2 metadata ops), not a merge step; at most the op count here.
     */
    public long opIterMergeProgressStart(AndroidCow cow) {
        return Long.compareUnsigned(numMergeOps, cow.ops().size()) >= 0 ? cow.ops().size() : numMergeOps;
    }

    /** {@code GetMergeOpIter(ignoreProgress)}: op indices from the first step (or the first pending one). */
    public int[] mergeOrder(boolean ignoreProgress) {
        return java.util.Arrays.copyOfRange(order, ignoreProgress ? 0 : firstPendingStep(), order.length);
    }

    /** {@code GetRevMergeOpIter(ignoreProgress)}: the same steps, last first. */
    public int[] reverseMergeOrder(boolean ignoreProgress) {
        int[] forward = mergeOrder(ignoreProgress);
        int[] reversed = new int[forward.length];
        for (int k = 0; k < forward.length; k++) {
            reversed[k] = forward[forward.length - 1 - k];
        }
        return reversed;
    }
}
