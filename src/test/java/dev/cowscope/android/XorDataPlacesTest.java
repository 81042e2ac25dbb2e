package dev.cowscope.android;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.format.Progress;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AOSP keeps XOR data locations in a map by new block: the first XOR op of a block gives every later one its data. */
class XorDataPlacesTest {
    @TempDir
    Path dir;

    @Test
    void aBlockXoredTwiceReadsTheFirstOpsData() throws Exception {
        AndroidCowOps ops = parse(new long[] {7, 3, 7, 9});
        long first = ops.dataOffset(0);
        assertThat(ops.dataOffset(2)).isEqualTo(first);
        assertThat(ops.dataOffset(1)).isEqualTo(first + 100);
        assertThat(ops.dataOffset(3)).isEqualTo(first + 300);
    }

    @Test
    void blocksThatRiseKeepTheirOwnData() throws Exception {
        AndroidCowOps ops = parse(new long[] {3, 7, 9});
        assertThat(ops.dataOffset(1) - ops.dataOffset(0)).isEqualTo(100);
        assertThat(ops.dataOffset(2) - ops.dataOffset(1)).isEqualTo(100);
    }

    @Test
    void blocksThatFallButDoNotRepeatKeepTheirOwnData() throws Exception {
        AndroidCowOps ops = parse(new long[] {9, 7, 3});
        assertThat(ops.dataOffset(1) - ops.dataOffset(0)).isEqualTo(100);
        assertThat(ops.dataOffset(2) - ops.dataOffset(1)).isEqualTo(100);
    }

    /** One XOR op of 100 stored bytes per block in {@code blocks}, in that order. */
    private AndroidCowOps parse(long[] blocks) throws Exception {
        Path file = dir.resolve("xor.cow");
        try (V3CowWriter w = new V3CowWriter(file, 0, blocks.length)) {
            for (long block : blocks) {
                w.xor(block, 4096 * block, new byte[100]);
            }
        }
        AndroidCow cow = AndroidCowParser.read(file, OptionalLong.empty(), Progress.NONE);
        assertThat(cow.parseOk()).isTrue();
        return cow.ops();
    }
}
