package dev.cowscope.android;

import dev.cowscope.format.FindingCollector;
import dev.cowscope.format.FindingKind;
import java.util.Locale;

/**
 * AOSP's {@code CowReader::VerifyMergeOps} over a merge order, with the same verdict and the same
 * first failing step, in O(n log n): AOSP keeps every merged COPY/XOR op's new block in a map and asks
 * it, for each later COPY/XOR, whether its source block (and, when the source is not block-aligned, the
 * next one) was already overwritten. Here the first step that writes each block is found once
 * ({@link FirstIndexByBlock}); "overwritten before step s" is then "first written at a step below s".
 */
final class AndroidMergeVerifier {
    private AndroidMergeVerifier() {
    }

    /** The verdict; {@code failStep} -1 when the order is consistent. */
    record Verdict(boolean ok, String error, int failStep) {
    }

    static Verdict verify(AndroidCow cow, int[] order, FindingCollector findings) {
        AndroidCowOps ops = cow.ops();
        long blockSize = cow.header().blockSize();
        FirstIndexByBlock written = new FirstIndexByBlock(order.length);
        for (int s = 0; s < order.length; s++) {
            if (AndroidMergeOrder.isOrdered(ops.type(order[s]))) {
                written.add(ops.newBlock(order[s]), s);
            }
        }
        written.seal();
        boolean nonOrderedFound = false;
        for (int s = 0; s < order.length; s++) {
            int op = order[s];
            int type = ops.type(op);
            if (AndroidOpType.isMetadata(type)) {
                return fail(cow, findings, FindingKind.ANDROID_MERGE_ORDER_MIXED, s, op, "Metadata op: " + text(ops, op)
                        + " found during merge sequence");
            }
            boolean ordered = AndroidMergeOrder.isOrdered(type);
            nonOrderedFound |= !ordered;
            if (!ordered) {
                continue; // only COPY and XOR have a source offset (GetSourceOffset)
            }
            if (nonOrderedFound) {
                return fail(cow, findings, FindingKind.ANDROID_MERGE_ORDER_MIXED, s, op, "Invalid sequence - non-ordered and "
                        + "ordered ops cannot be mixed during sequence generation (" + text(ops, op) + ")");
            }
            if (blockSize == 0) {
                return fail(cow, findings, FindingKind.ANDROID_MERGE_SOURCE_OVERWRITTEN, s, op, "block_size is 0: "
                        + "VerifyMergeOps divides the source offset of " + text(ops, op) + " by it and AOSP crashes (SIGFPE)");
            }
            long offset = type == AndroidOpType.COPY ? ops.source(op) * blockSize : ops.source(op); // u64, wrapping as AOSP's
            long block = Long.divideUnsigned(offset, blockSize);
            boolean misaligned = Long.remainderUnsigned(offset, blockSize) != 0;
            boolean first = overwritten(written, block, s);
            if (first || misaligned && overwritten(written, block + 1, s)) { // block + 1 wraps as AOSP's u64 does
                long overwrittenBlock = first ? block : block + 1;
                return fail(cow, findings, FindingKind.ANDROID_MERGE_SOURCE_OVERWRITTEN, s, op, "Invalid Sequence! Block needed "
                        + "for op: " + text(ops, op) + " overwritten by previously merged op: "
                        + text(ops, lastWriter(ops, order, s, overwrittenBlock)) + " (block "
                        + Long.toUnsignedString(overwrittenBlock) + ", merged earlier)");
            }
        }
        return new Verdict(true, null, -1);
    }

    private static boolean overwritten(FirstIndexByBlock written, long block, int step) {
        int first = written.get(block);
        return first >= 0 && first < step;
    }

    /** The op AOSP's map holds for {@code block} at step {@code s}: the last COPY/XOR before it that wrote the block. */
    private static int lastWriter(AndroidCowOps ops, int[] order, int s, long block) {
        for (int t = s - 1; t >= 0; t--) {
            if (AndroidMergeOrder.isOrdered(ops.type(order[t])) && ops.newBlock(order[t]) == block) {
                return order[t];
            }
        }
        throw new IllegalStateException("no writer of block " + block + " before step " + s);
    }

    private static Verdict fail(AndroidCow cow, FindingCollector findings, FindingKind kind, int step, int op,
                                String message) {
        findings.add(kind, AndroidMergeOrder.opLocation(cow, op), String.format(Locale.ROOT,
                "merge step %d: %s: AOSP's VerifyMergeOps says \"Merge sequence is inconsistent!\"", step, message));
        return new Verdict(false, message, step);
    }

    private static String text(AndroidCowOps ops, int op) {
        return AndroidCowParser.v3String(ops.type(op), ops.dataLength(op), ops.newBlock(op), ops.source(op));
    }
}
