package dev.cowscope.android;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.format.ByteArrayBlockSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * A generated v3 COW of 1 M ops (250 000 COPY listed by a sequence buffer, 750 000 ZERO in scrambled
 * block order): the merge preparation and VerifyMergeOps finish in bounded time and hold primitive
 * arrays only (a per-op object or a quadratic verify would take minutes or run out of the test heap).
 */
class MillionOpMergeTest {
    static final int COPIES = 250_000;
    static final int ZEROS = 750_000;

    /** The file: header, the sequence buffer (the copies, last first), 4 resume slots, the ops; no data area. */
    static byte[] millionOps() {
        int ops = COPIES + ZEROS;
        int opsAt = 78 + 4 * COPIES + 64;
        ByteBuffer b = ByteBuffer.allocate(opsAt + 16 * ops).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, AndroidCowHeader.MAGIC).putShort(8, (short) 3).putShort(12, (short) 78).putShort(16, (short) 16)
                .putInt(18, 4096).putLong(38, COPIES).putInt(50, 4).putLong(54, ops).putLong(62, ops).putInt(74, 4096);
        for (int k = 0; k < COPIES; k++) {
            b.putInt(78 + 4 * k, 1_000_000 + COPIES - 1 - k);
            int at = opsAt + 16 * k; // COPY new block 1 000 000 + k from block k: no source is ever overwritten
            b.putInt(at + 4, 1_000_000 + k).putLong(at + 8, ((long) AndroidOpType.COPY << 60) | k);
        }
        for (int k = 0; k < ZEROS; k++) {
            int at = opsAt + 16 * (COPIES + k);
            b.putInt(at + 4, 2_000_000 + (int) ((k * 7919L) % ZEROS)).putLong(at + 8, (long) AndroidOpType.ZERO << 60);
        }
        return b.array();
    }

    @Test
    void aMillionOpsArePreparedAndVerifiedInBoundedTime() throws Exception {
        ByteArrayBlockSource source = new ByteArrayBlockSource("million.cow", millionOps());
        AndroidCow cow = new AndroidCowParser().parse(source, OptionalLong.empty());
        assertThat(cow.parseOk()).isTrue();
        long start = System.nanoTime();
        AndroidMergePlan plan = new AndroidMergeOrder().prepare(cow, source, false);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(plan.readerParseOk()).isTrue();
        assertThat(plan.kind()).isEqualTo(AndroidMergePlan.OrderKind.SEQUENCE_DATA);
        assertThat(plan.numTotalDataOps()).isEqualTo(COPIES + ZEROS);
        assertThat(plan.numOrderedOpsToMerge()).isEqualTo(COPIES);
        assertThat(plan.order()[0]).isEqualTo(COPIES - 1);
        assertThat(plan.order()[COPIES - 1]).isZero();
        assertThat(cow.ops().newBlock(plan.order()[COPIES])).isEqualTo(2_000_000 + ZEROS - 1); // descending
        assertThat(cow.ops().newBlock(plan.order()[COPIES + ZEROS - 1])).isEqualTo(2_000_000);
        assertThat(plan.verifyOk()).as(plan.verifyError()).isTrue();
        // measured at 0.4-0.8 s on a shared 2-core machine; the bound leaves room for a loaded CI
        assertThat(seconds).as("prepare + verify of 1 M ops").isLessThan(15);
        System.out.printf(java.util.Locale.ROOT, "1 M ops: merge preparation and VerifyMergeOps in %.3f s%n", seconds);
    }
}
