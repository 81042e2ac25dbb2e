package dev.cowscope.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowscope.format.BlockSource;
import dev.cowscope.format.BlockSources;
import dev.cowscope.format.Progress;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The target image of every AOSP fixture over the generated source image equals what AOSP's
 * {@code CompressedSnapshotReader} read ({@code reader.json}): the whole image's sha256 and each op block's.
 */
class TargetImageTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.cowscope.android.AospFixturesTest#fixtures")
    void targetImageEqualsCompressedSnapshotReader(String name) throws Exception {
        assumeTrue(Files.isDirectory(AospFixturesTest.FIXTURES), "fixtures not present");
        JsonNode expected = AospFixturesTest.readerJson(name).path("target_image_via_CompressedSnapshotReader");
        try (BlockSource cowSource = BlockSources.open(AospFixturesTest.cow(name))) {
            AndroidCow cow = new AndroidCowParser().parse(cowSource, OptionalLong.empty());
            if (!expected.path("ok").asBoolean()) {
                assertThat(cow.parseOk()).isFalse();
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TargetImage(
                        new dev.cowscope.format.ByteArrayBlockSource("src", new byte[4096]), cowSource, cow))
                        .isInstanceOf(TargetImageException.class).hasMessageContaining("AOSP's reader refuses this COW");
                return;
            }
            assertThat(expected.get("image_blocks").asLong()).isEqualTo(expected.get("source_blocks").asLong());
            Path src = FixtureImages.sourceImage(dir.resolve("source.img"), expected.get("source_blocks").asLong());
            assertThat(sha(Files.readAllBytes(src))).isEqualTo(expected.get("source_sha256").asText());
            try (BlockSource source = BlockSources.open(src)) {
                BlockHashes blocks = new BlockHashes();
                TargetImage.Result result = new TargetImage(source, cowSource, cow).stream(blocks, Progress.NONE, true);
                assertThat(result.sizeBytes()).isEqualTo(expected.get("image_blocks").asLong() * 4096);
                assertThat(result.warnings()).isEmpty();
                expected.get("op_block_sha256").fields().forEachRemaining(e ->
                        assertThat(blocks.shas.get(Integer.parseInt(e.getKey()))).as("%s block %s", name, e.getKey())
                                .isEqualTo(e.getValue().asText()));
                assertThat(result.sha256()).isEqualTo(expected.get("image_sha256").asText());
                assertThat(result.sourceBlocks() + result.copyBlocks() + result.replaceBlocks() + result.zeroBlocks()
                        + result.xorBlocks()).isEqualTo(expected.get("image_blocks").asLong());
            }
        }
    }

    /**
     * An image of many windows (two worker threads, each building every other one, a short last window) equals a
     * block-by-block reading of the same COW: which op holds the block, its decoded data, the source bytes.
     */
    @org.junit.jupiter.api.Test
    void manyWindowsOnTwoThreadsEqualABlockByBlockReading() throws Exception {
        int blocks = 5 * 1024 + 300;
        Path src = dir.resolve("src.img");
        Path cowFile = dir.resolve("many.cow");
        Files.createFile(src);
        Files.createFile(cowFile);
        TargetImageBenchmark.generate(src, cowFile, blocks);
        try (BlockSource source = BlockSources.open(src); BlockSource cowSource = BlockSources.open(cowFile)) {
            AndroidCow cow = new AndroidCowParser().parse(cowSource, OptionalLong.empty());
            BlockHashes image = new BlockHashes();
            TargetImage.Result result = new TargetImage(source, cowSource, cow).stream(image, Progress.NONE, true);
            TargetBlocks holders = TargetBlocks.of(cow.ops(), Progress.NONE);
            OpDataReader data = new OpDataReader(cowSource, cow);
            AndroidCowOps ops = cow.ops();
            for (int b = 0; b < blocks; b++) {
                byte[] expected = new byte[4096];
                int op = holders.opAt(b);
                int type = op < 0 ? -1 : ops.type(op);
                if (type == -1 || type == AndroidOpType.COPY || type == AndroidOpType.XOR) {
                    long at = type == -1 ? b * 4096L : type == AndroidOpType.COPY ? ops.source(op) * 4096 : ops.source(op);
                    source.readFully(at, ByteBuffer.wrap(expected));
                }
                if (type == AndroidOpType.REPLACE || type == AndroidOpType.XOR) {
                    byte[] decoded = new byte[(int) data.opBufSize(op)];
                    assertThat(data.readData(op, decoded, decoded.length, 0)).isEqualTo(decoded.length);
                    int from = (int) ((b - ops.newBlock(op)) * 4096);
                    for (int k = 0; k < 4096; k++) {
                        expected[k] = type == AndroidOpType.REPLACE ? decoded[from + k] : (byte) (expected[k] ^ decoded[k]);
                    }
                }
                assertThat(image.shas.get(b)).as("block %d (op %d, type %d)", b, op, type).isEqualTo(sha(expected));
            }
            assertThat(image.shas).hasSize(blocks);
            assertThat(result.sourceBlocks() + result.copyBlocks() + result.replaceBlocks() + result.zeroBlocks()
                    + result.xorBlocks()).isEqualTo(blocks);
        }
    }

    /** Cancel mid-image: the workers end without closing the sources (an interrupt during a read would have). */
    @org.junit.jupiter.api.Test
    void cancelLeavesTheSourcesOpenAndNoThreadBehind() throws Exception {
        Path src = dir.resolve("src.img");
        Path cowFile = dir.resolve("cancel.cow");
        Files.createFile(src);
        Files.createFile(cowFile);
        TargetImageBenchmark.generate(src, cowFile, 8 * 1024);
        try (BlockSource source = BlockSources.open(src); BlockSource cowSource = BlockSources.open(cowFile)) {
            AndroidCow cow = new AndroidCowParser().parse(cowSource, OptionalLong.empty());
            Progress cancelAfterTwoWindows = new Progress() {
                private int windows;

                @Override
                public void begin(String phase, long totalWork) {
                }

                @Override
                public void worked(long units) {
                    windows++;
                }

                @Override
                public boolean isCancelled() {
                    return windows >= 2;
                }
            };
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TargetImage(source, cowSource, cow)
                    .stream(new dev.cowscope.testkit.NullChannel(), cancelAfterTwoWindows, false))
                    .isInstanceOf(java.util.concurrent.CancellationException.class);
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("cowscope-target-image") && t.isAlive());
            ByteBuffer still = ByteBuffer.allocate(4096);
            source.readFully(4096L * 8000, still);
            cowSource.readFully(0, still.clear());
            // and the image can be made again from the same sources
            assertThat(new TargetImage(source, cowSource, cow).stream(new dev.cowscope.testkit.NullChannel(), Progress.NONE, false)
                    .sizeBytes()).isEqualTo(8L * 1024 * 4096);
        }
    }

    static String sha(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** A sink that keeps the sha256 of every 4 KiB block written to it. */
    static final class BlockHashes implements WritableByteChannel {
        final List<String> shas = new ArrayList<>();
        private final ByteBuffer block = ByteBuffer.allocate(4096);

        @Override
        public int write(ByteBuffer src) throws IOException {
            int n = src.remaining();
            while (src.hasRemaining()) {
                int take = Math.min(block.remaining(), src.remaining());
                block.put(src.slice().limit(take));
                src.position(src.position() + take);
                if (!block.hasRemaining()) {
                    try {
                        shas.add(sha(block.array()));
                    } catch (Exception e) {
                        throw new IOException(e);
                    }
                    block.clear();
                }
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
