package dev.cowscope.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowscope.format.ByteArrayBlockSource;
import dev.cowscope.format.CowFormatException;
import dev.cowscope.format.Finding;
import dev.cowscope.format.FindingKind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Hand-made files for the merge preparation: sequence data naming ops that do not exist, duplicates,
 * cycles, unreadable or absurdly long sequence data, progress past the end, blocks past 2^31. Each gets
 * AOSP's verdict and a finding, never an exception (other than TOO_LARGE), a hang or an OutOfMemoryError.
 */
class HostileAndroidMergeTest {
    private static final int COPY = AndroidOpType.COPY;
    private static final int REPLACE = AndroidOpType.REPLACE;
    private static final int ZERO = AndroidOpType.ZERO;
    private static final int XOR = AndroidOpType.XOR;
    private static final int SEQ = AndroidOpType.SEQUENCE;

    /** An op row: {type, newBlock, source, dataLength}. */
    static long[] op(int type, long newBlock, long source) {
        return new long[] {type, newBlock, source, 0};
    }

    /**
     * A v2 file without clusters: the ops, the footer, then {@code sequence} as u32s. A row of type
     * SEQUENCE with source -1 points at that sequence data, with data length {@code row[3]} (or all of it when 0).
     */
    static byte[] v2(long numMergeOps, int[] sequence, long[]... ops) {
        int opsEnd = 38 + 20 * ops.length;
        int seqAt = opsEnd + 84;
        ByteBuffer b = HostileAndroidCowTest.v2(seqAt + 4 * sequence.length, 0);
        b.putLong(26, numMergeOps);
        for (int k = 0; k < ops.length; k++) {
            long[] o = ops[k];
            boolean seq = o[0] == SEQ && o[2] == -1;
            int length = seq ? (o[3] != 0 ? (int) o[3] : 4 * sequence.length) : (int) o[3];
            HostileAndroidCowTest.v2Op(b, 38 + 20 * k, (int) o[0], 0, length, o[1], seq ? seqAt : o[2]);
        }
        HostileAndroidCowTest.v2Op(b, opsEnd, AndroidOpType.FOOTER, 0, 64, 20L * ops.length, ops.length);
        for (int k = 0; k < sequence.length; k++) {
            b.putInt(seqAt + 4 * k, sequence[k]);
        }
        return b.array();
    }

    /** A v3 file: header, {@code sequence} (the sequence buffer), 4 resume slots, the ops (no data). */
    static ByteBuffer v3(long numMergeOps, int[] sequence, long[]... ops) {
        int opsAt = 78 + 4 * sequence.length + 64;
        ByteBuffer b = ByteBuffer.allocate(opsAt + 16 * ops.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, AndroidCowHeader.MAGIC).putShort(8, (short) 3).putShort(12, (short) 78).putShort(16, (short) 16)
                .putInt(18, 4096).putLong(26, numMergeOps).putLong(38, sequence.length).putInt(50, 4)
                .putLong(54, ops.length).putLong(62, ops.length).putInt(74, 4096);
        for (int k = 0; k < sequence.length; k++) {
            b.putInt(78 + 4 * k, sequence[k]);
        }
        for (int k = 0; k < ops.length; k++) {
            long[] o = ops[k];
            b.putInt(opsAt + 16 * k, (int) o[3]).putInt(opsAt + 16 * k + 4, (int) o[1]).putLong(opsAt + 16 * k + 8, (o[0] << 60) | o[2]);
        }
        return b;
    }

    static AndroidMergePlan plan(byte[] bytes, boolean userspace) throws Exception {
        ByteArrayBlockSource source = new ByteArrayBlockSource("hostile.cow", bytes);
        AndroidCow cow = new AndroidCowParser().parse(source, OptionalLong.empty());
        assertThat(cow.parseOk()).as("parser: %s", cow.error()).isTrue();
        return new AndroidMergeOrder().prepare(cow, source, userspace);
    }

    static AndroidMergePlan plan(byte[] bytes) throws Exception {
        return plan(bytes, false);
    }

    static boolean has(AndroidMergePlan plan, FindingKind kind) {
        return plan.findings().stream().map(Finding::kind).anyMatch(kind::equals);
    }

    @Test
    void v2SequenceOrdersTheListedOpsFirstThenTheRestByNewBlock() throws Exception {
        AndroidMergePlan p = plan(v2(0, new int[] {11, 10}, op(SEQ, 0, -1), op(COPY, 10, 1), op(COPY, 11, 10),
                op(REPLACE, 30, 0), op(ZERO, 31, 0), op(COPY, 12, 2)));
        assertThat(p.readerParseOk()).isTrue();
        assertThat(p.kind()).isEqualTo(AndroidMergePlan.OrderKind.SEQUENCE_DATA);
        assertThat(p.sequence()).containsExactly(11, 10);
        // COPY 12 is ordered but not listed: it joins the other ops, sorted descending
        assertThat(p.order()).containsExactly(2, 1, 4, 3, 5);
        assertThat(p.numOrderedOpsToMerge()).isEqualTo(2);
        assertThat(p.verifyOk()).isFalse(); // COPY 12 after ZERO 31
        assertThat(has(p, FindingKind.ANDROID_MERGE_ORDER_MIXED)).isTrue();
        assertThat(plan(v2(0, new int[] {11, 10}, op(SEQ, 0, -1), op(COPY, 10, 1), op(COPY, 11, 10),
                op(REPLACE, 30, 0), op(ZERO, 31, 0), op(COPY, 12, 2)), true).order()).containsExactly(2, 1, 5, 3, 4);
    }

    @Test
    void aSequenceNamingAMissingOpFailsTheWholeParse() throws Exception {
        AndroidMergePlan p = plan(v2(0, new int[] {10, 99}, op(SEQ, 0, -1), op(COPY, 10, 1)));
        assertThat(p.readerParseOk()).isFalse();
        assertThat(p.error()).isEqualTo("Invalid Sequence Ops. Could not find Cow Op for new block 99");
        assertThat(p.order()).isEmpty();
        assertThat(has(p, FindingKind.ANDROID_MERGE_SEQUENCE_INVALID)).isTrue();
        assertThat(plan(v3(0, new int[] {7}, op(ZERO, 8, 0)).array()).error()).endsWith("new block 7");
    }

    @Test
    void aLateSequenceOpWritesOverTheOrderedOpsBeforeIt() throws Exception {
        // AOSP: merge_op_blocks [10, 11] grows to [10, 11, 0] and the entry is read into slot 0: [11, 11, 0]
        AndroidMergePlan p = plan(v2(0, new int[] {11}, op(COPY, 10, 1), op(COPY, 11, 2), op(SEQ, 0, -1)));
        assertThat(p.readerParseOk()).isFalse();
        assertThat(p.error()).endsWith("new block 0");
        AndroidMergePlan withZero = plan(v2(0, new int[] {11}, op(COPY, 10, 1), op(COPY, 11, 2), op(SEQ, 0, -1), op(ZERO, 0, 0)));
        assertThat(withZero.readerParseOk()).isTrue();
        // [11, 11, 0] and then ZERO 0, not named by the sequence, as an other op: block 0 twice too
        assertThat(withZero.order()).containsExactly(1, 1, 3, 3);
    }

    @Test
    void unreadableOrOddSequenceData() throws Exception {
        // an empty sequence op at an offset past the end: GetRawBytes refuses it and AOSP's walk stops there
        AndroidMergePlan p = plan(v2(0, new int[0], op(ZERO, 5, 0), op(SEQ, 0, 1_000_000), op(ZERO, 0, 0)));
        assertThat(has(p, FindingKind.ANDROID_SEQUENCE_UNREADABLE)).isTrue();
        assertThat(p.readerParseOk()).isTrue(); // no entries, so nothing is missing
        assertThat(p.order()).containsExactly(0); // the ZERO after the failed sequence op is never looked at

        // two entries past the end: AOSP keeps them as zeros, and block 0 has no op

        byte[] twoEntries = v2(0, new int[] {5, 6}, op(SEQ, 0, -1), op(ZERO, 5, 0));
        ByteBuffer.wrap(twoEntries).order(ByteOrder.LITTLE_ENDIAN).putShort(38 + 2, (short) 8).putLong(38 + 12, 1L << 40);
        AndroidMergePlan zeros = plan(twoEntries);
        assertThat(zeros.readerParseOk()).isFalse();
        assertThat(zeros.error()).endsWith("new block 0");

        AndroidMergePlan odd = plan(v2(0, new int[] {5, 6}, new long[] {SEQ, 0, -1, 6}, op(ZERO, 5, 0), op(ZERO, 6, 0)));
        assertThat(has(odd, FindingKind.ANDROID_SEQUENCE_UNREADABLE)).isTrue();
        assertThat(odd.sequence()).containsExactly(5); // one whole entry; the two bytes after it fall past the vector
        assertThat(odd.order()).containsExactly(1, 2);
    }

    @Test
    void v3SequenceCountsThatCannotBeReadFailWithoutAllocating() throws Exception {
        ByteBuffer b = v3(0, new int[0], op(ZERO, 5, 0));
        b.putLong(38, 1L << 62); // 4 * 2^62 wraps to 0: the op area does not move, the sequence buffer is 2^64 bytes
        AndroidMergePlan p = plan(b.array());
        assertThat(p.readerParseOk()).isFalse();
        assertThat(p.error()).isEqualTo("Invalid Sequence Ops. Could not find Cow Op for new block 0");
        assertThat(has(p, FindingKind.ANDROID_SEQUENCE_UNREADABLE)).isTrue();
    }

    @Test
    void v3DuplicatesMapToTheFirstOpAndACycleOverwritesItsSource() throws Exception {
        AndroidMergePlan dup = plan(v3(0, new int[] {5, 5}, op(COPY, 5, 9), op(COPY, 5, 8), op(ZERO, 6, 0)).array());
        assertThat(dup.order()).containsExactly(0, 0, 2);
        assertThat(dup.verifyOk()).isTrue();

        // 10 <- 11 and 11 <- 10: the second copy reads block 10 after the first wrote it
        AndroidMergePlan cycle = plan(v3(0, new int[] {10, 11}, op(COPY, 10, 11), op(COPY, 11, 10)).array());
        assertThat(cycle.readerParseOk()).isTrue();
        assertThat(cycle.verifyOk()).isFalse();
        assertThat(cycle.verifyFailStep()).isEqualTo(1);
        assertThat(cycle.verifyError()).startsWith("Invalid Sequence! Block needed for op: CowOperation(kCowCopyOp, new_block:11, source:10)");
        assertThat(has(cycle, FindingKind.ANDROID_MERGE_SOURCE_OVERWRITTEN)).isTrue();

        // an XOR whose source straddles blocks 20 and 21 needs both
        AndroidMergePlan xor = plan(v3(0, new int[] {21, 30}, op(COPY, 21, 5), op(XOR, 30, 20 * 4096 + 100)).array());
        assertThat(xor.verifyOk()).isFalse();
        assertThat(xor.verifyError()).contains("(block 21, merged earlier)");
    }

    @Test
    void v3WithoutSequenceDataMergesInStreamOrder() throws Exception {
        AndroidMergePlan p = plan(v3(0, new int[0], op(ZERO, 9, 0), op(COPY, 3, 1), op(ZERO, 2, 0)).array());
        assertThat(p.kind()).isEqualTo(AndroidMergePlan.OrderKind.STREAM_ORDER);
        assertThat(p.order()).containsExactly(0, 1, 2);
        assertThat(p.numOrderedOpsToMerge()).isEqualTo(3);
        assertThat(p.verifyOk()).isFalse();
        assertThat(p.verifyError()).startsWith("Invalid sequence - non-ordered and ordered ops cannot be mixed");

        AndroidMergePlan label = plan(v3(0, new int[0], op(AndroidOpType.LABEL, 9, 0)).array());
        assertThat(label.verifyError()).startsWith("Metadata op: CowOperation(kCowLabelOp) found during merge sequence");
        assertThat(has(label, FindingKind.ANDROID_MERGE_ORDER_MIXED)).isTrue();

        ByteBuffer zeroBlock = v3(0, new int[0], op(COPY, 3, 1));
        zeroBlock.putInt(18, 0);
        AndroidMergePlan crash = plan(zeroBlock.array());
        assertThat(crash.verifyOk()).isFalse();
        assertThat(crash.verifyError()).startsWith("block_size is 0");
    }

    @Test
    void progressPastTheEndIsAFindingAndNothingIsPending() throws Exception {
        AndroidMergePlan p = plan(v3(100, new int[0], op(ZERO, 9, 0), op(ZERO, 2, 0)).array());
        assertThat(has(p, FindingKind.ANDROID_MERGE_PROGRESS_PAST_END)).isTrue();
        assertThat(p.firstPendingStep()).isEqualTo(2);
        assertThat(p.mergeOrder(false)).isEmpty();
        assertThat(p.reverseMergeOrder(false)).isEmpty();
        assertThat(p.numOrderedOpsToMerge()).isZero();
        AndroidMergePlan resumed = plan(v3(1, new int[0], op(ZERO, 9, 0), op(ZERO, 2, 0)).array());
        assertThat(resumed.mergeOrder(false)).containsExactly(1);
        assertThat(resumed.merged(0)).isTrue();
        assertThat(resumed.merged(1)).isFalse();
        assertThat(has(resumed, FindingKind.ANDROID_MERGE_PROGRESS_PAST_END)).isFalse();
    }

    @Test
    void blocksPast2To31SortAsNegativeIntsAsInAosp() throws Exception {
        AndroidMergePlan p = plan(v2(0, new int[0], op(ZERO, 5, 0), op(ZERO, 0x80000001L, 0), op(ZERO, 0xffffffffL, 0),
                op(ZERO, 7, 0)));
        assertThat(p.order()).containsExactly(3, 0, 2, 1); // 7, 5, -1, -2^31+1
        assertThat(plan(v2(0, new int[0], op(ZERO, 5, 0), op(ZERO, 0x80000001L, 0), op(ZERO, 0xffffffffL, 0),
                op(ZERO, 7, 0)), true).order()).containsExactly(1, 2, 0, 3);
    }

    @Test
    void sequenceDataLongerThanMemoryIsRefusedInWords() throws Exception {
        long[][] ops = new long[200][];
        for (int k = 0; k < ops.length; k++) {
            ops[k] = op(SEQ, 0, -1); // 200 sequence ops all pointing at the same 64 entries
        }
        int[] sequence = new int[64];
        ByteArrayBlockSource source = new ByteArrayBlockSource("many.cow", v2(0, sequence, ops));
        AndroidCow cow = new AndroidCowParser().parse(source, OptionalLong.empty());
        assertThatThrownBy(() -> new AndroidMergeOrder(10_000).prepare(cow, source, false))
                .isInstanceOf(CowFormatException.class).hasMessageContaining("more than this process can hold in memory");
        assertThat(new AndroidMergeOrder(20_000).prepare(cow, source, false).readerParseOk()).isFalse(); // block 0 has no op
    }

    @Test
    void aFailedParseHasNoOrder() throws Exception {
        byte[] noFooter = java.util.Arrays.copyOf(v2(0, new int[0], op(ZERO, 5, 0)), 38 + 20);
        ByteArrayBlockSource source = new ByteArrayBlockSource("nofooter.cow", noFooter);
        AndroidCow cow = new AndroidCowParser().parse(source, OptionalLong.empty());
        AndroidMergePlan p = new AndroidMergeOrder().prepare(cow, source, false);
        assertThat(p.readerParseOk()).isFalse();
        assertThat(p.error()).isEqualTo("No COW footer found");
        assertThat(p.kind()).isEqualTo(AndroidMergePlan.OrderKind.NONE);
        assertThatThrownBy(() -> new AndroidMergeOrder().prepare(new AndroidCowParser().parse(source, OptionalLong.of(1)), source, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
