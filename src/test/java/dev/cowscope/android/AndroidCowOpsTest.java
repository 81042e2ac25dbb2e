package dev.cowscope.android;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AndroidCowOpsTest {
    @Test
    void xorDataPlacesSetOutOfOrderOrAgainLandInPlace() {
        AndroidCowOps ops = new AndroidCowOps(4);
        ops.add(AndroidOpType.XOR, 0, 0, 10, 7, 0, -1); // no data place (a data_pos past 2^63)
        ops.add(AndroidOpType.XOR, 0, 0, 10, 8, 0, 100);
        ops.add(AndroidOpType.COPY, 0, 0, 0, 9, 3, -1);
        ops.add(AndroidOpType.XOR, 0, 0, 10, 10, 0, 300);
        assertThat(ops.dataOffset(0)).isEqualTo(-1);
        ops.setXorDataOffset(0, 50); // before the others
        ops.setXorDataOffset(3, 100); // again, in place
        assertThat(new long[] {ops.dataOffset(0), ops.dataOffset(1), ops.dataOffset(2), ops.dataOffset(3)})
                .containsExactly(50, 100, -1, 100);
        ops.setXorDataOffset(1, -7);
        assertThat(ops.dataOffset(1)).isEqualTo(-1);
        ops.truncate(3);
        ops.add(AndroidOpType.XOR, 0, 0, 10, 11, 0, 400);
        assertThat(new long[] {ops.dataOffset(0), ops.dataOffset(1), ops.dataOffset(2), ops.dataOffset(3)})
                .containsExactly(50, -1, -1, 400);
    }

    @Test
    void v2CompressionBytesAndARawV3OpAreaNeverMix() {
        AndroidCowOps v2 = new AndroidCowOps(4);
        v2.add(AndroidOpType.REPLACE, 3, 0, 10, 1, 100, 100);
        assertThat(v2.v2Compression(0)).isEqualTo(3);
        assertThat(v2.source(0)).isEqualTo(100); // the byte is not part of the source or source_info
        assertThat(v2.sourceInfo(0)).isEqualTo((long) AndroidOpType.REPLACE << 60 | 100);
        java.nio.ByteBuffer op = java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        op.putInt(0, 10).putInt(4, 2).putLong(8, (long) AndroidOpType.REPLACE << 60 | 0xffL << 48 | 200);
        org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(() -> v2.appendRaw(op, 1));

        AndroidCowOps v3 = new AndroidCowOps(4);
        v3.appendRaw(op, 1);
        assertThat(v3.v2Compression(0)).isZero(); // the file's own bits 48-55, not a compression byte
        assertThat(v3.source(0)).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThatIllegalStateException()
                .isThrownBy(() -> v3.add(AndroidOpType.COPY, 0, 0, 0, 1, 1, -1));
    }
}
