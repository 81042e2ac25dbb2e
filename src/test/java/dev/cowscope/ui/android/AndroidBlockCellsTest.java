package dev.cowscope.ui.android;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.android.AndroidCowOps;
import dev.cowscope.android.AndroidOpType;
import dev.cowscope.android.TargetBlocks;
import dev.cowscope.format.Progress;
import org.junit.jupiter.api.Test;

/** The block map's roles: an op of a type AOSP cannot read shows as such (its read fails), never as untouched. */
class AndroidBlockCellsTest {
    @Test
    void anUnknownOpTypeIsItsOwnRoleAndWinsAPixel() {
        AndroidCowOps ops = dev.cowscope.android.TestOps.of(
                new int[] {AndroidOpType.COPY, 9, AndroidOpType.LABEL, AndroidOpType.REPLACE},
                new long[] {1, 5, 7, 10});
        TargetBlocks blocks = TargetBlocks.of(ops, Progress.NONE);
        AndroidBlockCells cells = new AndroidBlockCells(blocks, ops);
        assertThat(cells.roleAt(1)).isEqualTo(AndroidBlockRole.COPY.ordinal());
        assertThat(cells.roleAt(5)).isEqualTo(AndroidBlockRole.UNKNOWN.ordinal());
        assertThat(cells.roleAt(7)).isEqualTo(AndroidBlockRole.UNTOUCHED.ordinal()); // a label claims no block
        assertThat(cells.roleAt(10)).isEqualTo(AndroidBlockRole.REPLACE.ordinal());
        int[] counts = new int[AndroidBlockRole.values().length];
        assertThat(cells.countRoles(0, 11, counts)).isEqualTo(-1);
        assertThat(counts[AndroidBlockRole.UNKNOWN.ordinal()]).isEqualTo(1);
        assertThat(counts[AndroidBlockRole.UNTOUCHED.ordinal()]).isEqualTo(8);
        assertThat(AndroidBlockRole.palette().mix(counts, 11)).isEqualTo(AndroidBlockRole.UNKNOWN.argb());
    }
}
