package dev.cowscope.android;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.format.BlockSource;
import dev.cowscope.format.BlockSources;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Op data no writer emits: bombs, garbage, truncated and overlong streams, data outside the file. Each read
 * returns AOSP's -1 with a reason (or what AOSP returns), never throws, never decodes past the op buffer.
 */
class HostileOpDataTest {
    @TempDir
    Path dir;

    private OpDataReader reader(Path file, BlockSource[] keep) throws Exception {
        BlockSource source = BlockSources.open(file);
        keep[0] = source;
        AndroidCow cow = new AndroidCowParser().parse(source, OptionalLong.empty());
        assertThat(cow.parseOk()).as(cow.error()).isTrue();
        return new OpDataReader(source, cow);
    }

    private long read(Path file, int op, byte[] buffer, String[] error) throws Exception {
        BlockSource[] keep = new BlockSource[1];
        try {
            OpDataReader r = reader(file, keep);
            long ret = r.readData(op, buffer, buffer.length, 0);
            error[0] = r.lastError();
            return ret;
        } finally {
            keep[0].close();
        }
    }

    private Path cow(int compression, byte[] stored) throws Exception {
        Path file = dir.resolve("c" + compression + "-" + stored.length + ".cow");
        try (V3CowWriter w = new V3CowWriter(file, compression, 4)) {
            w.replace(0, 0, stored);
        }
        return file;
    }

    static byte[] zlib(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater(9))) {
            z.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void aGzBombFillsTheOpBufferAndStops() throws Exception {
        byte[] bomb = zlib(new byte[64 << 20]); // 64 MiB of zeros in ~64 KiB
        String[] error = new String[1];
        byte[] buffer = new byte[4096];
        assertThat(read(cow(1, bomb), 0, buffer, error)).as("%s", error[0]).isEqualTo(4096);
        assertThat(buffer).containsOnly(0);
    }

    @Test
    void shortAndTruncatedGzStreams() throws Exception {
        String[] error = new String[1];
        byte[] buffer = new byte[4096];
        assertThat(read(cow(1, zlib(new byte[100])), 0, buffer, error)).isEqualTo(100); // AOSP returns the short count
        byte[] whole = zlib(new byte[4096]);
        assertThat(read(cow(1, Arrays.copyOf(whole, whole.length - 6)), 0, buffer, error)).isEqualTo(-1);
        assertThat(error[0]).contains("Decompressor expected more bytes");
        byte[] withTail = Arrays.copyOf(zlib(new byte[100]), 9000); // stream ends, 2 pieces of input left
        assertThat(read(cow(1, withTail), 0, buffer, error)).isEqualTo(-1);
        assertThat(error[0]).contains("terminated early");
    }

    @Test
    void garbageInEveryAlgorithmIsMinusOneWithAReason() throws Exception {
        byte[] garbage = new byte[700];
        Arrays.fill(garbage, (byte) 0xff);
        for (int algorithm = 1; algorithm <= 4; algorithm++) {
            String[] error = new String[1];
            assertThat(read(cow(algorithm, garbage), 0, new byte[4096], error)).as("algorithm %d", algorithm).isEqualTo(-1);
            assertThat(error[0]).as("algorithm %d", algorithm).isNotBlank();
        }
    }

    @Test
    void lz4ThatDecodesToTheWrongSizeIsRefused() throws Exception {
        byte[] small = LZ4Factory.safeInstance().fastCompressor().compress(new byte[1000]);
        String[] error = new String[1];
        assertThat(read(cow(3, small), 0, new byte[4096], error)).isEqualTo(-1);
        assertThat(error[0]).contains("expected output size: 4096");
    }

    @Test
    void compressedDataLongerThanAnyEncoderEmitsIsRefusedWithoutReadingIt() throws Exception {
        String[] error = new String[1];
        assertThat(read(cow(4, new byte[64 << 10]), 0, new byte[4096], error)).isEqualTo(-1);
        assertThat(error[0]).contains("more than any encoder emits");
    }

    @Test
    void rawStoredDataLongerThanTheBufferAndDataOutsideTheFile() throws Exception {
        String[] error = new String[1];
        assertThat(read(cow(0, new byte[5000]), 0, new byte[4096], error)).isEqualTo(-1);
        assertThat(error[0]).contains("Stream ended prematurely");
        Path file = cow(0, new byte[4096]);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 1)); // the op's data now ends past the file
        BlockSource[] keep = new BlockSource[1];
        try {
            BlockSource source = BlockSources.open(file);
            keep[0] = source;
            AndroidCow cow = new AndroidCowParser().parse(source, OptionalLong.empty());
            OpDataReader r = new OpDataReader(source, cow);
            assertThat(r.readData(0, new byte[4096], 4096, 0)).isEqualTo(-1);
            assertThat(r.lastError()).contains("invalid data offset");
            assertThat(r.storedBytes(0)).isNull();
        } finally {
            keep[0].close();
        }
    }

    @Test
    void aDataLengthPastTheFileGrowsNoBufferTheReaderKeeps() throws Exception {
        Path file = cow(3, new byte[10]);
        byte[] bytes = Files.readAllBytes(file);
        // the op claims 8000 stored bytes (under the cap for a 4 KiB op buffer); the file holds 10
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(V3CowWriter.HEADER, 8000);
        Files.write(file, bytes);
        try (BlockSource source = BlockSources.open(file)) {
            AndroidCow cow = new AndroidCowParser().parse(source, OptionalLong.empty());
            OpDataReader r = new OpDataReader(source, cow);
            assertThat(r.readData(0, new byte[4096], 4096, 0)).isEqualTo(-1);
            assertThat(r.lastError()).contains("invalid data offset");
            assertThat(r.inputBufferBytes()).as("checked against the file before the buffer grows").isZero();
        }
    }

    @Test
    void unknownCompressionAndHugeBlockSizes() throws Exception {
        String[] error = new String[1];
        assertThat(read(cow(9, new byte[10]), 0, new byte[4096], error)).isEqualTo(-1);
        assertThat(error[0]).contains("Unknown compression type: 9");
        Path file = cow(3, new byte[10]);
        byte[] bytes = Files.readAllBytes(file);
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(18, 0x40000000)
                .putLong(V3CowWriter.HEADER + 8, ((long) AndroidOpType.REPLACE << 60) | (7L << 57) | (V3CowWriter.HEADER + 64));
        Files.write(file, bytes);
        assertThat(read(file, 0, new byte[4096], error)).isEqualTo(-1);
        assertThat(error[0]).contains("more than the 67108864 bytes we decode");
    }
}
