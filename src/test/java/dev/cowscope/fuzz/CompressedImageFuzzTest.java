package dev.cowscope.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cowscope.format.BlockSource;
import dev.cowscope.format.BlockSources;
import dev.cowscope.format.CowFormatException;
import dev.cowscope.format.CowReader;
import dev.cowscope.format.ParseOptions;
import dev.cowscope.format.Progress;
import dev.cowscope.testkit.CowImageBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Compressed images (gzip, xz, zstd) from fuzzed bytes: a small COW compressed here and then
 * damaged (bytes flipped, cut, spliced, trailing bytes), raw bytes behind a format's magic, or an
 * image of fuzzed bytes and zero runs compressed here whole. Opened, walked, read forward and back
 * (which unpacks) and at the end; a whole stream made here must read back as its image, byte for byte. The only allowed refusals are a
 * {@link CowFormatException} or an {@link IOException} with a message; anything else, a hang or
 * an OutOfMemoryError is a bug.
 */
class CompressedImageFuzzTest {
    private static final byte[][] MAGIC = {{0x1f, (byte) 0x8b}, {(byte) 0xfd, '7', 'z', 'X', 'Z', 0}, {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}};
    private static Path dir;
    private static byte[][] packed;

    @BeforeAll
    static void images() throws IOException {
        dir = Files.createTempDirectory("cowscope-compressed-fuzz");
        byte[] image = CowImageBuilder.cow().deviceBytes(1L << 20).exceptions(0, 300).bytes();
        packed = new byte[][] {gzip(image), xz(image), zstd(image)};
    }

    @AfterAll
    static void clean() throws IOException {
        Files.deleteIfExists(dir.resolve("input"));
        Files.deleteIfExists(dir);
    }

    @FuzzTest(maxDuration = "10m")
    void open(FuzzedDataProvider data) throws IOException {
        int format = data.consumeInt(0, 2);
        byte[] bytes;
        byte[] image = null; // known when the stream is a whole one made here: then every read must give its bytes
        // the choices in the order of the kept inputs: a damaged COW first (as before), then a whole image or noise
        boolean damaged = data.consumeBoolean();
        if (!damaged && data.consumeBoolean()) {
            // fuzzed bytes repeated to a fuzzed length (a small input makes images past the kept first 4 KiB), with zero
            // runs: the unpacked copy's holes and its last, partial block
            image = new byte[data.consumeInt(0, 3 << 16)];
            byte[] pattern = data.consumeBytes(data.consumeInt(1, 512));
            for (int i = 0; i < image.length; i++) {
                image[i] = pattern.length == 0 ? (byte) (i * 131 + 7) : pattern[i % pattern.length];
            }
            for (int k = data.consumeInt(0, 3); k > 0 && image.length > 0; k--) {
                int at = data.consumeInt(0, image.length - 1);
                java.util.Arrays.fill(image, at, Math.min(image.length, at + data.consumeInt(1, 3 << 13)), (byte) 0);
            }
            bytes = format == 0 ? gzip(image) : format == 1 ? xz(image) : zstd(image);
        } else if (damaged) {
            bytes = packed[format].clone();
            for (int k = data.consumeInt(0, 8); k > 0 && bytes.length > 0; k--) { // a splice can leave nothing
                switch (data.consumeInt(0, 2)) {
                    case 0 -> bytes[data.consumeInt(0, bytes.length - 1)] ^= data.consumeByte();
                    case 1 -> bytes = java.util.Arrays.copyOf(bytes, data.consumeInt(1, bytes.length));
                    default -> {
                        byte[] tail = data.consumeBytes(64);
                        int at = data.consumeInt(0, bytes.length);
                        byte[] grown = java.util.Arrays.copyOf(bytes, at + tail.length);
                        System.arraycopy(tail, 0, grown, at, tail.length);
                        bytes = grown;
                    }
                }
            }
        } else {
            byte[] rest = data.consumeRemainingAsBytes();
            bytes = java.util.Arrays.copyOf(MAGIC[format], MAGIC[format].length + rest.length);
            System.arraycopy(rest, 0, bytes, MAGIC[format].length, rest.length);
        }
        Path file = Files.write(dir.resolve("input"), bytes);
        try (BlockSource source = BlockSources.open(file)) {
            try {
                new CowReader(ParseOptions.DEFAULT).read(source, Progress.NONE);
            } catch (CowFormatException refused) {
                assertThat(refused.getMessage()).isNotBlank();
            }
            long size = source.sizeBytes();
            if (image != null) {
                assertThat(size).isEqualTo(image.length);
            }
            if (size > 0) {
                try {
                    // forward (a second decoding pass), then back (which unpacks), then the last bytes again
                    long[] at = {size / 2, 0, Math.max(0, size - 100)};
                    for (long offset : at) {
                        ByteBuffer read = ByteBuffer.allocate((int) Math.min(4096, size - offset));
                        source.readFully(offset, read);
                        if (image != null) {
                            assertThat(read.array()).as("%d bytes at %d of %d", read.capacity(), offset, size)
                                    .isEqualTo(java.util.Arrays.copyOfRange(image, (int) offset, (int) offset + read.capacity()));
                        }
                    }
                } catch (IOException unreadable) {
                    assertThat(image).as("a whole stream made here reads: %s", unreadable.getMessage()).isNull();
                    assertThat(unreadable.getMessage()).isNotBlank();
                }
            }
        } catch (CowFormatException refused) {
            assertThat(refused.getMessage()).isNotBlank().doesNotContain("null");
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] xz(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream xz = new org.tukaani.xz.XZOutputStream(out, new org.tukaani.xz.LZMA2Options(1))) {
            xz.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] zstd(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream zst = new com.github.luben.zstd.ZstdOutputStream(out)) {
            zst.write(bytes);
        }
        return out.toByteArray();
    }
}
