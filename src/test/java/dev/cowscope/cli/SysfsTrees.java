package dev.cowscope.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds fake {@code /sys/class/block} trees for tests. */
final class SysfsTrees {
    private SysfsTrees() {
    }

    static Path disk(Path sys, String name, long lbs, long pbs, long ioMin, long ioOpt, long alignmentOffset,
                     long sizeSectors) throws IOException {
        Path dir = sys.resolve("devices/virtual/block").resolve(name);
        Files.createDirectories(dir.resolve("queue"));
        Files.writeString(dir.resolve("queue/logical_block_size"), lbs + "\n");
        Files.writeString(dir.resolve("queue/physical_block_size"), pbs + "\n");
        Files.writeString(dir.resolve("queue/minimum_io_size"), ioMin + "\n");
        Files.writeString(dir.resolve("queue/optimal_io_size"), ioOpt + "\n");
        Files.writeString(dir.resolve("alignment_offset"), alignmentOffset + "\n");
        Files.writeString(dir.resolve("size"), sizeSectors + "\n");
        Files.createDirectories(sys.resolve("class/block"));
        Files.createSymbolicLink(sys.resolve("class/block").resolve(name), dir);
        return dir;
    }

    static void partition(Path sys, Path diskDir, String name, long startSectors, long sizeSectors,
                          long alignmentOffset) throws IOException {
        Path dir = diskDir.resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("partition"), "1\n");
        Files.writeString(dir.resolve("start"), startSectors + "\n");
        Files.writeString(dir.resolve("size"), sizeSectors + "\n");
        Files.writeString(dir.resolve("alignment_offset"), alignmentOffset + "\n");
        Files.createSymbolicLink(sys.resolve("class/block").resolve(name), dir);
    }
}
