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
}
