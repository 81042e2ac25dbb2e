package dev.cowscope.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowscope.format.BlockSource;
import dev.cowscope.format.ByteArrayBlockSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Android sparse images: a real {@code img2simg} file, files built here with every chunk type, and damaged ones. */
class SparseImageTest {
    /** The image {@code small.simg} was made from (see the resources README). */
    static byte[] smallImage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b = 0; b < 49; b++) {
            byte[] block = new byte[4096];
            if (b < 6 || (b >= 20 && b < 24)) {
                block = FixtureImages.textBlock("src", b);
            } else if (b < 12) {
                for (int k = 0; k < 4096; k += 4) {
                    block[k] = (byte) 0xab;
                    block[k + 1] = (byte) 0xcd;
                    block[k + 2] = 0x12;
                    block[k + 3] = 0x34;
                }
            } else if (b == 48) {
                block = FixtureImages.textBlock("src", 99);
            }
            out.writeBytes(block);
        }
        return out.toByteArray();
    }

    @Test
    void expandsTheRealImg2simgOutput() throws Exception {
        byte[] simg;
        try (InputStream in = SparseImageTest.class.getResourceAsStream("small.simg")) {
            simg = in.readAllBytes();
        }
        byte[] expected = smallImage();
        try (BlockSource image = SparseImage.expandIfSparse(new ByteArrayBlockSource("small.simg", simg))) {
            assertThat(image).isInstanceOf(SparseImage.class);
            assertThat(image.sizeBytes()).isEqualTo(expected.length);
            assertThat(read(image, 0, expected.length)).isEqualTo(expected);
            assertRandomReads(image, expected);
        }
    }

    @Test
    void everyChunkTypeAndMisalignedReads() throws Exception {
        Builder b = new Builder(1024);
        byte[] rawData = new byte[3 * 1024];
        new Random(7).nextBytes(rawData);
        b.raw(rawData).fill(2, 0x04030201).dontCare(3).crc().raw(new byte[0]).fill(1, 0xdeadbeef);
        byte[] expected = new byte[9 * 1024];
        System.arraycopy(rawData, 0, expected, 0, rawData.length);
        for (int k = 3 * 1024; k < 5 * 1024; k++) {
            expected[k] = (byte) (k % 4 + 1);
        }
        for (int k = 8 * 1024; k < 9 * 1024; k++) {
            expected[k] = (byte) (0xdeadbeefL >>> (8 * (k % 4)));
        }
        try (SparseImage image = SparseImage.open(new ByteArrayBlockSource("t", b.build(9)))) {
            assertThat(image.sizeBytes()).isEqualTo(expected.length);
            assertThat(read(image, 0, expected.length)).isEqualTo(expected);
            assertRandomReads(image, expected);
            assertThatThrownBy(() -> read(image, expected.length - 1, 2)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aPlainImageIsLeftAlone() throws Exception {
        BlockSource plain = new ByteArrayBlockSource("p", new byte[8192]);
        assertThat(SparseImage.expandIfSparse(plain)).isSameAs(plain);
        assertThat(SparseImage.isSparse(new ByteArrayBlockSource("short", new byte[2]))).isFalse();
    }

    @Test
    void damagedImagesAreRefusedInWords() {
        byte[] good = new Builder(4096).raw(new byte[4096]).fill(1, 0).build(2);
        assertRefused(Arrays.copyOf(good, 20), "only 20 bytes");
        assertRefused(Arrays.copyOf(good, good.length - 1), "does not fit between its header and the end of the file");
        assertRefused(Arrays.copyOf(good, 28 + 12 + 4096 + 6), "its header is past the end of the file");
        assertRefused(patch(good, 4, 2, 2), "major version 2");
        assertRefused(patch(good, 8, 2, 20), "file_hdr_sz 20");
        assertRefused(patch(good, 10, 2, 8), "chunk_hdr_sz 8");
        assertRefused(patch(good, 12, 4, 4095), "blk_sz 4095");
        assertRefused(patch(good, 12, 4, 0), "blk_sz 0");
        assertRefused(patch(good, 16, 4, 3), "not total_blks 3");
        assertRefused(patch(good, 16, 4, 1), "past total_blks 1");
        assertRefused(patch(good, 20, 4, 0xffffffffL), "do not fit");
        assertRefused(patch(good, 28, 2, 0xcac9), "unknown chunk type");
        assertRefused(patch(good, 28 + 4, 4, 2), "data bytes for 2 blocks");
        assertRefused(patch(good, 28 + 8, 4, 0xfffffff0L), "does not fit");
        assertRefused(patch(good, 28 + 8, 4, 4), "does not fit");
        byte[] huge = new Builder(4).dontCare(-1).build(-1); // 2^32-1 blocks claimed without data
        assertRefused(patch(huge, 12, 4, 0xfffffffcL), "past 2^63 bytes");
        int fill = 28 + 12 + 4096;
        assertRefused(patch(Arrays.copyOf(good, good.length + 4), fill + 8, 4, 12 + 8), "4 data bytes, not 8");
    }

    private static void assertRefused(byte[] bytes, String why) {
        assertThatThrownBy(() -> SparseImage.open(new ByteArrayBlockSource("bad.simg", bytes)))
                .isInstanceOf(SparseImage.SparseImageException.class).hasMessageContaining("bad.simg").hasMessageContaining(why);
    }

    private static byte[] patch(byte[] bytes, int at, int width, long value) {
        byte[] out = bytes.clone();
        for (int k = 0; k < width; k++) {
            out[at + k] = (byte) (value >>> (8 * k));
        }
        return out;
    }

    static void assertRandomReads(BlockSource image, byte[] expected) throws IOException {
        Random random = new Random(1);
        for (int k = 0; k < 500; k++) {
            int from = random.nextInt(expected.length);
            int n = random.nextInt(Math.min(9000, expected.length - from) + 1);
            assertThat(read(image, from, n)).as("%d bytes at %d", n, from).isEqualTo(Arrays.copyOfRange(expected, from, from + n));
        }
    }

    static byte[] read(BlockSource s, long offset, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        s.readFully(offset, b);
        return b.array();
    }

    /** Writes sparse images chunk by chunk (the format as libsparse's sparse_format.h defines it). */
    static final class Builder {
        private final int blockSize;
        private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        private int count;

        Builder(int blockSize) {
            this.blockSize = blockSize;
        }

        Builder raw(byte[] data) {
            return chunk(SparseImage.RAW, data.length / blockSize, data);
        }

        Builder fill(int blocks, int pattern) {
            return chunk(SparseImage.FILL, blocks, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(pattern).array());
        }

        Builder dontCare(int blocks) {
            return chunk(SparseImage.DONT_CARE, blocks, new byte[0]);
        }

        Builder crc() {
            return chunk(SparseImage.CRC32, 0, new byte[4]);
        }

        private Builder chunk(int type, int blocks, byte[] data) {
            ByteBuffer h = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            h.putShort((short) type).putShort((short) 0).putInt(blocks).putInt(12 + data.length);
            chunks.writeBytes(h.array());
            chunks.writeBytes(data);
            count++;
            return this;
        }

        byte[] build(int totalBlocks) {
            ByteBuffer h = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(SparseImage.MAGIC).putShort((short) 1).putShort((short) 0).putShort((short) 28).putShort((short) 12)
                    .putInt(blockSize).putInt(totalBlocks).putInt(count).putInt(0);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(h.array());
            out.writeBytes(chunks.toByteArray());
            return out.toByteArray();
        }
    }
}
