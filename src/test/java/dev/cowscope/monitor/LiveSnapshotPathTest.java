package dev.cowscope.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A path to a snapshot is resolved by the node's own device number, not its file name: without udev
 * (the oracle VM's real kernel, initramfs, containers) dmsetup makes {@code /dev/mapper/NAME} a node of
 * its own, and {@code /dev/VG/LV} links to it, so there is no {@code /sys/class/block/NAME}.
 */
class LiveSnapshotPathTest {
    @Test
    void devTDecodesAsGlibcDoes() {
        assertThat(LiveSnapshot.majorMinor(0xfd00L)).containsExactly(253, 0);   // dm-0
        assertThat(LiveSnapshot.majorMinor(0xfd03L)).containsExactly(253, 3);
        assertThat(LiveSnapshot.majorMinor(0x10010300L)).containsExactly(259, 65536);   // minor above 255
        assertThat(LiveSnapshot.majorMinor((0x1000L << 32) | 0x1L)).containsExactly(4096, 1);   // major above 4095
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void onlyABlockDeviceHasANumber(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("cow.img"), "not a device");
        assertThat(LiveSnapshot.blockDeviceNumber(file)).isEmpty();
        assertThat(LiveSnapshot.blockDeviceNumber(Path.of("/dev/null"))).isEmpty();   // a character device
        assertThat(LiveSnapshot.blockDeviceNumber(dir.resolve("missing"))).isEmpty();
    }
}
