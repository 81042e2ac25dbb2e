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
 * damaged (bytes flipped, cut, spliced, trailing bytes), or raw bytes behind a format's magic.
 * Opened, walked, read forward and back (which unpacks). The only allowed refusals are a
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
        if (data.consumeBoolean()) {
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
            if (size > 0) {
                try {
                    source.readFully(size / 2, ByteBuffer.allocate((int) Math.min(4096, size - size / 2)));
                    source.readFully(0, ByteBuffer.allocate((int) Math.min(4096, size)));
                } catch (IOException unreadable) {
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
