package dev.cowscope.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowscope.android.AndroidBlockCompressor;
import dev.cowscope.android.AndroidCowLayout;
import dev.cowscope.android.AndroidCowOptions;
import dev.cowscope.format.ByteArrayBlockSource;
import dev.cowscope.format.Progress;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The image-pair estimate's choices on hand-made pairs: what is a COPY, a ZERO, a REPLACE, and how runs are cut. */
class AndroidPairPlanTest {
    private static final int B = 4096;

    private static byte[] distinctBlocks(int blocks, long seed) {
        byte[] image = new byte[blocks * B];
        new Random(seed).nextBytes(image);
        return image;
    }

    private static AndroidPairPlan plan(byte[] old, byte[] neu, AndroidCowOptions options, String... compressions) throws IOException {
        List<AndroidBlockCompressor.Compression> c = Arrays.stream(compressions.length == 0 ? new String[] {"none"} : compressions)
                .map(AndroidBlockCompressor.Compression::parse).toList();
        return AndroidPairPlan.estimate(new ByteArrayBlockSource("old", old), new ByteArrayBlockSource("new", neu), options, c,
                Margin.NONE, RoundingUnit.SECTOR, ChunkSizeRule.SECTOR_DEVICES, Progress.NONE);
    }

    @Test
    void movedBlocksAreCopiesZeroBlocksAreZerosEvenWhereTheOldImageHadZeros() throws IOException {
        byte[] old = distinctBlocks(32, 1);
        Arrays.fill(old, 3 * B, 4 * B, (byte) 0); // an old zero block: never a COPY source
        byte[] neu = old.clone();
        System.arraycopy(old, 10 * B, neu, 20 * B, B); // moved
        Arrays.fill(neu, 21 * B, 22 * B, (byte) 0); // zeroed
        neu[25 * B + 7] ^= 1; // one byte: a REPLACE
        AndroidPairPlan p = plan(old, neu, AndroidCowOptions.estimator(3, B, 1024, B));
        assertThat(p.copyBlocks()).isEqualTo(1);
        assertThat(p.zeroBlocks()).isEqualTo(1);
        assertThat(p.replaceBlocks()).isEqualTo(1);
        assertThat(p.unchangedBlocks()).isEqualTo(29);
        assertThat(p.indexedOldBlocks()).isEqualTo(31);
        assertThat(p.hashCollisions()).isZero();
        // v3, no compression: header 78 + scratch 2 MiB + a 1-entry sequence + 4 resume slots + 3 ops (COPY, ZERO,
        // REPLACE; the label is a resume point, not an op) × 16 + one raw block
        assertThat(p.rows().get(0).size().cowSizeBytes()).isEqualTo(78 + (2 << 20) + 4 + 64 + 3 * 16 + B);
        assertThat(p.dmRow().changedChunks()).isEqualTo(3);
    }

    @Test
    void aBlockRepeatedAllOverTheOldImageIsFoundOnTheFirstCandidate() throws IOException {
        byte[] old = new byte[64 * B];
        byte[] one = distinctBlocks(1, 9);
        for (int i = 0; i < 64; i++) {
            System.arraycopy(one, 0, old, i * B, B);
        }
        byte[] neu = old.clone();
        neu[5 * B] ^= 1;
        AndroidPairPlan p = plan(old, neu, AndroidCowOptions.estimator(2, B, 1024, B));
        assertThat(p.replaceBlocks()).isEqualTo(1);
        System.arraycopy(distinctBlocks(1, 10), 0, old, 7 * B, B);
        neu = old.clone();
        System.arraycopy(one, 0, neu, 7 * B, B); // block 7 now holds the repeated content: a COPY of any of the others
        p = plan(old, neu, AndroidCowOptions.estimator(2, B, 1024, B));
        assertThat(p.copyBlocks()).isEqualTo(1);
        assertThat(p.hashCollisions()).isZero();
    }

    @Test
    void aReplaceRunAcrossTheScanBufferIsCutAsOneWriterCall() throws IOException {
        int blocks = 2 * ImagePairScan.BUFFER_BYTES / B;
        byte[] old = distinctBlocks(blocks, 3);
        byte[] neu = old.clone();
        int first = ImagePairScan.BUFFER_BYTES / B - 13; // 45 blocks straddling the 4 MiB boundary
        for (int b = first; b < first + 45; b++) {
            neu[b * B + 100] ^= 0x55;
        }
        AndroidCowOptions cf64k = AndroidCowOptions.estimator(3, B, 1024, 64 * 1024);
        AndroidPairPlan p = plan(old, neu, cf64k);
        long[] cut = new AndroidCowLayout(cf64k).dataOpBlocks(45, false);
        assertThat(cut).containsExactly(16, 16, 8, 4, 1);
        assertThat(p.replaceOps()).isEqualTo(cut.length);
        assertThat(p.rows().get(0).replaceDataBytes()).isEqualTo(45L * B);
        // batches of 10 blocks (cluster_ops 10): 8+2, 8+2, 8+2, 8+2, 4+1
        AndroidPairPlan batched = plan(old, neu, AndroidCowOptions.estimator(3, B, 10, 64 * 1024));
        assertThat(batched.replaceOps()).isEqualTo(new AndroidCowLayout(AndroidCowOptions.estimator(3, B, 10, 64 * 1024))
                .dataOpBlocks(45, false).length).isEqualTo(10);
    }

    @Test
    void theAllocationIsAospsPipelinePlusTheMargin() {
        dev.cowscope.android.AndroidCowSize size = new dev.cowscope.android.AndroidCowSize(3, 78, 0, 0, 64, 16, 9842, 0, 10000,
                1, 0, 1, true);
        AndroidPairPlan.Row row = AndroidPairPlan.row("lz4", size, 9842, 5000, RoundingUnit.LVM_EXTENT_4M);
        assertThat(row.manifestBytes()).isEqualTo(10100);
        assertThat(row.deviceBytes()).isEqualTo(((10100 + (2 << 20)) / 4096 + 1) * 4096L);
        assertThat(row.allocationBytes()).isEqualTo(4L << 20);
    }

    @Test
    void theIndexCostsEightBytesPerNonZeroBlockAndFindsEveryCopy() throws IOException {
        byte[] old = distinctBlocks(100, 4);
        OldBlockIndex index = OldBlockIndex.build(new ByteArrayBlockSource("old", old), B, Progress.NONE);
        assertThat(index.size()).isEqualTo(100);
        assertThat(OldBlockIndex.BYTES_PER_BLOCK).isEqualTo(8);
        for (int b = 0; b < 100; b++) {
            long hash = OldBlockIndex.hash(ByteBuffer.wrap(old), b * B, B);
            int at = index.first(hash);
            assertThat(index.blockAt(at, hash)).isEqualTo(b);
        }
        assertThat(index.first(12345)).isEqualTo(-1);
    }

    @Test
    void imagesThatAreNotWholeBlocksOrDifferInSizeAreRefused() {
        assertThatThrownBy(() -> plan(new byte[B + 512], new byte[B + 512], AndroidCowOptions.estimator(3, B, 1024, B)))
                .isInstanceOf(IOException.class).hasMessageContaining("not whole blocks");
        assertThatThrownBy(() -> plan(new byte[B], new byte[2 * B], AndroidCowOptions.estimator(3, B, 1024, B)))
                .isInstanceOf(IOException.class).hasMessageContaining("same size");
        assertThatThrownBy(() -> plan(new byte[3000], new byte[3000], AndroidCowOptions.estimator(3, 3000, 1024, 3000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("power of two");
    }
}
