package dev.cowscope.ui.alignment;

import dev.cowscope.alignment.AlignmentInputs;
import dev.cowscope.alignment.BlockDevice;
import dev.cowscope.alignment.Extent;
import dev.cowscope.alignment.Fiemap;
import dev.cowscope.alignment.SysfsBlockDevices;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything the Alignment tab reads from the machine, all through the engine: text files, live
 * extents (FIEMAP) and device limits (sysfs). Called on background threads; tests give fakes.
 */
public interface AlignmentSources {
    /** The text of a filefrag or table file. */
    String readText(Path file) throws IOException;

    /** The file's extents now ({@code FS_IOC_FIEMAP}); a {@link dev.cowscope.alignment.FiemapException} says why not. */
    List<Extent> liveExtents(Path file) throws IOException;

    /** {@code major:minor} of the device holding {@code file}, when the platform tells. */
    Optional<String> deviceOf(Path file);

    /** The limits of a block device named as a path or {@code major:minor}, from {@code /sys/class/block}. */
    Optional<BlockDevice> device(String name);

    /** The real machine. */
    AlignmentSources ENGINE = new AlignmentSources() {
        @Override
        public String readText(Path file) throws IOException {
            return AlignmentInputs.readText(file);
        }

        @Override
        public List<Extent> liveExtents(Path file) throws IOException {
            return Fiemap.read(file);
        }

        @Override
        public Optional<String> deviceOf(Path file) {
            return Fiemap.deviceOf(file);
        }

        @Override
        public Optional<BlockDevice> device(String name) {
            return SysfsBlockDevices.live().resolve(name);
        }
    };
}
