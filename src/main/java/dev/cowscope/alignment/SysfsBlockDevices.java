package dev.cowscope.alignment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@link QueueLimits} from sysfs ({@code /sys/class/block/<dev>/}): {@code queue/logical_block_size},
 * {@code physical_block_size}, {@code minimum_io_size}, {@code optimal_io_size}, {@code alignment_offset},
 * {@code size}, and for a partition its {@code start}; a partition's queue (and queue alignment offset) is
 * its disk's, as {@code bdev_get_queue} gives the disk's queue to {@code dm_set_device_limits}.
 * Roots are parameters so tests can use a fake tree.
 */
public final class SysfsBlockDevices implements DeviceResolver {
    private static final Pattern MAJOR_MINOR = Pattern.compile("\\d+:\\d+");
    private final Path sysRoot;
    private final Path devRoot;

    /** @param sysRoot usually {@code /sys}; @param devRoot usually {@code /dev} */
    public SysfsBlockDevices(Path sysRoot, Path devRoot) {
        this.sysRoot = sysRoot;
        this.devRoot = devRoot;
    }

    /** The live system. */
    public static SysfsBlockDevices live() {
        return new SysfsBlockDevices(Path.of("/sys"), Path.of("/dev"));
    }

    /**
     * Resolves a table's device name: a path ({@code /dev/vda}, {@code /dev/mapper/x}, followed to its
     * real node) or {@code major:minor} (through {@code /sys/dev/block/M:m}).
     */
    @Override
    public Optional<BlockDevice> resolve(String tableName) {
        return kernelName(tableName).flatMap(name -> read(name, tableName));
    }

    /** The kernel's name for a table device name, when it exists here. */
    public Optional<String> kernelName(String tableName) {
        try {
            if (MAJOR_MINOR.matcher(tableName).matches()) {
                Path link = sysRoot.resolve("dev/block").resolve(tableName);
                return Files.exists(link) ? Optional.of(link.toRealPath().getFileName().toString()) : Optional.empty();
            }
            Path path = Path.of(tableName);
            if (path.startsWith("/dev")) {
                path = devRoot.resolve(Path.of("/dev").relativize(path));
            }
            if (Files.exists(path)) {
                return Optional.of(path.toRealPath().getFileName().toString());
            }
            // no device node here (a copied sysfs tree): try the base name
            String base = path.getFileName().toString();
            return Files.isDirectory(sysRoot.resolve("class/block").resolve(base)) ? Optional.of(base) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Reads the limits of the block device the kernel calls {@code kernelName}. */
    public Optional<BlockDevice> read(String kernelName, String tableName) {
        Path dir = sysRoot.resolve("class/block").resolve(kernelName);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try {
            Path real = dir.toRealPath();
            boolean partition = Files.exists(real.resolve("partition"));
            Path disk = partition ? real.getParent() : real;
            Path queue = disk.resolve("queue");
            long diskOffset = number(disk.resolve("alignment_offset"));
            long lbs = number(queue.resolve("logical_block_size"));
            long pbs = number(queue.resolve("physical_block_size"));
            long ioMin = number(queue.resolve("minimum_io_size"));
            long ioOpt = number(queue.resolve("optimal_io_size"));
            long start = partition ? number(real.resolve("start")) : 0;
            long size = number(real.resolve("size"));
            QueueLimits limits = new QueueLimits(lbs, pbs, ioMin, ioOpt, Math.max(diskOffset, 0), start, size,
                diskOffset < 0);
            Optional<String> whole = partition ? Optional.of(disk.getFileName().toString()) : Optional.empty();
            return Optional.of(new BlockDevice(tableName, kernelName, whole, limits));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long number(Path file) throws IOException {
        String text = Files.readString(file).strip();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": not a number: '" + text + "'", e);
        }
    }
}
