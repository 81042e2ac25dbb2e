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

/** Hand-made hostile files: each is refused with a clear exception or read with a finding, never a crash or a hang. */
class HostileAndroidCowTest {

    /** A v3 header (78 bytes) plus room; ops follow at 78 + 64 (4 resume slots). */
    static ByteBuffer v3(int totalBytes, long opCount, long opCountMax) {
        ByteBuffer b = ByteBuffer.allocate(totalBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, AndroidCowHeader.MAGIC).putShort(8, (short) 3).putShort(10, (short) 0).putShort(12, (short) 78);
        b.putShort(14, (short) 0).putShort(16, (short) 16).putInt(18, 4096).putInt(22, 0);
        b.putInt(50, 4).putLong(54, opCount).putLong(62, opCountMax).putInt(70, 3).putInt(74, 4096);
        return b;
    }

    static void v3Op(ByteBuffer b, int index, int type, long dataLength, long newBlock, long source) {
        int at = 78 + 64 + 16 * index;
        b.putInt(at, (int) dataLength).putInt(at + 4, (int) newBlock).putLong(at + 8, ((long) type << 60) | source);
    }

    /** A v2 header (38 bytes), no clusters; ops (and their data) follow. */
    static ByteBuffer v2(int totalBytes, int clusterOps) {
        ByteBuffer b = ByteBuffer.allocate(totalBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, AndroidCowHeader.MAGIC).putShort(8, (short) 2).putShort(10, (short) 0).putShort(12, (short) 38);
        b.putShort(14, (short) 84).putShort(16, (short) 20).putInt(18, 4096).putInt(22, clusterOps);
        return b;
    }

    static void v2Op(ByteBuffer b, int at, int type, int compression, int dataLength, long newBlock, long source) {
        b.put(at, (byte) type).put(at + 1, (byte) compression).putShort(at + 2, (short) dataLength)
                .putLong(at + 4, newBlock).putLong(at + 12, source);
    }

    static AndroidCow parse(ByteBuffer b) throws Exception {
        return parse(b.array(), OptionalLong.empty());
    }

    static AndroidCow parse(byte[] bytes, OptionalLong label) throws Exception {
        return new AndroidCowParser().parse(new ByteArrayBlockSource("hostile.cow", bytes), label);
    }

    static boolean has(AndroidCow cow, FindingKind kind) {
        return cow.findings().stream().map(Finding::kind).anyMatch(kind::equals);
    }

    @Test
    void bytesPastHeaderSizeAreNotTheHeaders() throws Exception {
        for (int headerSize : new int[] {0, 5, 13, 14, 15, 38, 50, 77}) {
            byte[] bytes = new byte[200];
            java.util.Arrays.fill(bytes, (byte) 0x5a);
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            b.putLong(0, AndroidCowHeader.MAGIC).putShort(8, (short) 2).putShort(10, (short) 0).putShort(12, (short) headerSize);
            AndroidCow cow = parse(bytes, OptionalLong.empty());
            byte[] expected = new byte[AndroidCowHeader.V3_BYTES];
            System.arraycopy(bytes, 0, expected, 0, Math.max(headerSize, AndroidCowHeader.PREFIX_BYTES));
            assertThat(cow.rawHeader()).as("header_size %d", headerSize).isEqualTo(AndroidCowHeader.decode(expected));
        }
    }

    @Test
    void truncatedFilesAreRefusedClearly() throws Exception {
        byte[] whole = v3(200, 0, 4).array();
        assertThatThrownBy(() -> parse(java.util.Arrays.copyOf(whole, 10), OptionalLong.empty()))
                .isInstanceOf(CowFormatException.class).hasMessageContaining("14-byte header prefix");
        assertThatThrownBy(() -> parse(java.util.Arrays.copyOf(whole, 40), OptionalLong.empty()))
                .isInstanceOf(CowFormatException.class).hasMessageContaining("header is 78 bytes");
        assertThatThrownBy(() -> parse(new byte[64], OptionalLong.empty()))
                .isInstanceOf(CowFormatException.class).hasMessageContaining("not an Android COW");
    }

    @Test
    void absurdHeaderSizesAndVersionsAreRefused() throws Exception {
        ByteBuffer b = v3(200, 0, 4);
        b.putShort(12, (short) 0xffff);
        assertThatThrownBy(() -> parse(b)).isInstanceOf(CowFormatException.class).hasMessageContaining("Unknown CowHeader size");
        ByteBuffer c = v3(200, 0, 4);
        c.putShort(8, (short) 9);
        assertThatThrownBy(() -> parse(c)).isInstanceOf(CowFormatException.class).hasMessageContaining("Unknown version: 9");
    }

    @Test
    void absurdV3SizesFailWithoutAllocating() throws Exception {
        // op_count 2^32-1, buffer 4 GiB, sequence data 2^63: offsets wrap or pass the end; nothing is allocated for them
        ByteBuffer b = v3(300, 0xffffffffL, 0xffffffffL);
        b.putInt(34, -1).putLong(38, Long.MAX_VALUE);
        AndroidCow cow = parse(b);
        assertThat(cow.parseOk()).isFalse();
        assertThat(has(cow, FindingKind.ANDROID_OP_PAST_END)).isTrue();
        assertThat(cow.error()).startsWith("read ops failed");
    }

    @Test
    void opAreaPastTheEnd() throws Exception {
        AndroidCow cow = parse(v3(78 + 64 + 16 * 3, 10, 64));
        assertThat(cow.parseOk()).isFalse();
        assertThat(has(cow, FindingKind.ANDROID_OP_PAST_END)).isTrue();
    }

    @Test
    void opCountOverMaxAndDataOutsideFile() throws Exception {
        ByteBuffer b = v3(78 + 64 + 16 * 4, 2, 1);
        long dataOffset = 78 + 64 + 16;
        v3Op(b, 0, AndroidOpType.REPLACE, 1_000_000, 5, dataOffset);
        v3Op(b, 1, AndroidOpType.ZERO, 0, 6, 0);
        AndroidCow cow = parse(b);
        assertThat(cow.parseOk()).isTrue();
        assertThat(has(cow, FindingKind.ANDROID_OP_COUNT_OVER_MAX)).isTrue();
        assertThat(has(cow, FindingKind.ANDROID_DATA_OUTSIDE_FILE)).isTrue();
        assertThat(cow.findings()).filteredOn(f -> f.kind() == FindingKind.ANDROID_DATA_OUTSIDE_FILE)
                .allMatch(f -> f.location().toString().startsWith("op 0"));
    }

    @Test
    void v3ReplaceAtTheWrongPlaceFailsAsAospDoes() throws Exception {
        ByteBuffer b = v3(78 + 64 + 16 * 4 + 100, 1, 4);
        v3Op(b, 0, AndroidOpType.REPLACE, 10, 5, 12345);
        AndroidCow cow = parse(b);
        assertThat(cow.parseOk()).isFalse();
        assertThat(cow.error()).startsWith("Invalid data location for operation CowOperation(kCowReplaceOp");
        assertThat(has(cow, FindingKind.ANDROID_PARSE_FAILED)).isTrue();
    }

    @Test
    void unknownOpsAndCompressionAreFindings() throws Exception {
        ByteBuffer b = v3(78 + 64 + 16 * 4, 1, 4);
        b.putInt(70, 9);
        v3Op(b, 0, 12, 0, 5, 0);
        AndroidCow cow = parse(b);
        assertThat(has(cow, FindingKind.ANDROID_UNKNOWN_OP)).isTrue();
        assertThat(has(cow, FindingKind.ANDROID_UNKNOWN_COMPRESSION)).isTrue();
        assertThat(cow.opCounts()).containsEntry("UNKNOWN", 1L);
    }

    @Test
    void resumePointCountOverMaxIsAWarning() throws Exception {
        ByteBuffer b = v3(78 + 64 + 16 * 4, 0, 4);
        b.putInt(46, 7);
        AndroidCow cow = parse(b);
        assertThat(cow.parseOk()).isTrue();
        assertThat(has(cow, FindingKind.ANDROID_RESUME_POINTS_OVER_MAX)).isTrue();
        assertThat(cow.resumePoints()).hasSize(4);
    }

    @Test
    void v2FooterMismatchAndMissingFooter() throws Exception {
        ByteBuffer b = v2(38 + 20 * 2 + 64, 0);
        v2Op(b, 38, AndroidOpType.ZERO, 0, 0, 7, 0);
        v2Op(b, 58, AndroidOpType.FOOTER, 0, 64, 40, 5); // ops_size 40, num_ops 5: there is one op
        AndroidCow cow = parse(b);
        assertThat(cow.parseOk()).isFalse();
        assertThat(cow.error()).startsWith("num ops does not match, expected 5, found 1");
        assertThat(has(cow, FindingKind.ANDROID_FOOTER_MISMATCH)).isTrue();

        ByteBuffer c = v2(38 + 20, 0);
        v2Op(c, 38, AndroidOpType.ZERO, 0, 0, 7, 0);
        AndroidCow noFooter = parse(c);
        assertThat(noFooter.parseOk()).isFalse();
        assertThat(has(noFooter, FindingKind.ANDROID_NO_FOOTER)).isTrue();
    }

    @Test
    void v2ClusterJumpingPastTheEndOrBackwardsStops() throws Exception {
        ByteBuffer b = v2(38 + 20 * 4, 2);
        v2Op(b, 38, AndroidOpType.CLUSTER, 0, 0, 0, 1L << 40); // next cluster far past the end
        AndroidCow cow = parse(b);
        assertThat(cow.parseOk()).isFalse();
        assertThat(has(cow, FindingKind.ANDROID_OP_PAST_END)).isTrue();

        ByteBuffer c = v2(38 + 20 * 4, 2);
        v2Op(c, 38, AndroidOpType.CLUSTER, 0, 0, 0, -40); // wraps back before itself: AOSP would loop
        AndroidCow loop = parse(c);
        assertThat(loop.parseOk()).isFalse();
        assertThat(has(loop, FindingKind.ANDROID_OP_PAST_END)).isTrue();
    }

    @Test
    void v2UnknownTypeAndCompressionAndOutOfRangeValues() throws Exception {
        ByteBuffer b = v2(38 + 20 * 3 + 64, 0);
        v2Op(b, 38, 0x1c, 9, 0, 7, 0);
        v2Op(b, 58, AndroidOpType.ZERO, 0, 0, 1L << 40, 0);
        v2Op(b, 78, AndroidOpType.FOOTER, 0, 64, 40, 2);
        AndroidCow cow = parse(b);
        assertThat(has(cow, FindingKind.ANDROID_UNKNOWN_OP)).isTrue();
        assertThat(has(cow, FindingKind.ANDROID_UNKNOWN_COMPRESSION)).isTrue();
        assertThat(cow.parseOk()).isFalse();
        assertThat(cow.error()).startsWith("Out-of-range new block in COW op");
    }

    @Test
    void everyPrefixOfAFixtureLikeFileIsHandled() throws Exception {
        ByteBuffer b = v2(38 + 20 * 2 + 64, 0);
        v2Op(b, 38, AndroidOpType.ZERO, 0, 0, 7, 0);
        v2Op(b, 58, AndroidOpType.FOOTER, 0, 64, 20, 1);
        assertThat(parse(b).parseOk()).isTrue();
        byte[] all = b.array();
        for (int n = 14; n < all.length; n++) {
            try {
                AndroidCow cow = parse(java.util.Arrays.copyOf(all, n), OptionalLong.empty());
                assertThat(cow.parseOk()).as("prefix %d", n).isFalse();
            } catch (CowFormatException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        }
    }
}
