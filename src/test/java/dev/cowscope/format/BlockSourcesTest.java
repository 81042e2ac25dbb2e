package dev.cowscope.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cowscope.testkit.Fixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files, gzip images and real block devices, all read-only, with clear messages when they cannot be read. */
class BlockSourcesTest {
    @Test
    void gzipImagesOpenTransparently() throws Exception {
        Path gz = Fixtures.scenario("b1-one").resolve("cow-after.img.gz");
        try (BlockSource source = BlockSources.open(gz)) {
            assertThat(source.kind()).isEqualTo(SourceKind.GZIP);
            assertThat(source.sizeBytes()).isEqualTo(2L << 20);
            ByteBuffer head = ByteBuffer.allocate(4);
            source.readFully(0, head);
            assertThat(head.array()).containsExactly(0x53, 0x6e, 0x41, 0x70);
        }
    }

    @Test
    void readsPastTheEndFailWithTheOffset(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("small.img"), new byte[1000]);
        try (BlockSource source = BlockSources.open(file)) {
            assertThat(source.kind()).isEqualTo(SourceKind.FILE);
            assertThatThrownBy(() -> source.readFully(990, ByteBuffer.allocate(20)))
                    .isInstanceOf(IOException.class).hasMessageContaining("past the end").hasMessageContaining("990");
        }
    }

    @Test
    void missingAndDirectoryInputsNameThePath(@TempDir Path dir) {
        assertThatThrownBy(() -> BlockSources.open(dir.resolve("nope")))
                .isInstanceOf(CowFormatException.class).hasMessageContaining("nope").hasMessageContaining("no such file");
        assertThatThrownBy(() -> BlockSources.open(dir)).hasMessageContaining("is a directory");
    }

    @Test
    void unreadableFileNamesThePermission(@TempDir Path dir) throws Exception {
        assumeTrue(!"root".equals(System.getProperty("user.name")), "root reads any file: nothing to test");
        Path file = Files.write(dir.resolve("secret.img"), new byte[4096]);
        file.toFile().setReadable(false, false);
        assertThatThrownBy(() -> BlockSources.open(file)).hasMessageContaining("permission denied");
    }

    @Test
    void aRealBlockDeviceIsSizedFromTheDevice(@TempDir Path dir) throws Exception {
        Path image = Files.write(dir.resolve("cow.img"), Fixtures.gunzip(Fixtures.scenario("b3-257").resolve("cow-after.img.gz")));
        String loop = attachLoop(image);
        assumeTrue(loop != null, "no loop device can be attached here (needs root and losetup)");
        try {
            Path device = Path.of(loop);
            assertThat(BlockSources.isBlockDevice(device)).isTrue();
            CowImage cow = CowReader.read(device, ParseOptions.DEFAULT, Progress.NONE);
            assertThat(cow.source().kind()).isEqualTo(SourceKind.BLOCK_DEVICE);
            assertThat(cow.source().sizeBytes()).isEqualTo(2L << 20);
            assertThat(cow.usage().orElseThrow().params()).isEqualTo("2080/4096 24");
        } finally {
            new ProcessBuilder("losetup", "-d", loop).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** {@code losetup -f --show -r}: a read-only loop device over the image, or null when not possible. */
    private static String attachLoop(Path image) {
        try {
            Process p = new ProcessBuilder("losetup", "-f", "--show", "-r", image.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && out.startsWith("/dev/loop") ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
