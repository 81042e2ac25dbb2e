package dev.cowscope.alignment;

import java.util.Optional;

/**
 * A bottom device of a table: how the table names it, the name the kernel prints for it ({@code %pg},
 * e.g. {@code vdc1}, {@code dm-0}), the whole disk when it is a partition, and its limits.
 */
public record BlockDevice(String tableName, String kernelName, Optional<String> wholeDiskKernelName,
                          QueueLimits limits) {
    /** A whole device. */
    public static BlockDevice whole(String tableName, String kernelName, QueueLimits limits) {
        return new BlockDevice(tableName, kernelName, Optional.empty(), limits);
    }

    /** The kernel name of the disk this device lives on (itself when whole). */
    public String diskKernelName() {
        return wholeDiskKernelName.orElse(kernelName);
    }

    /** {@code vdc1} for {@code /dev/vdc1}, {@code 254:0} unchanged: the best guess without sysfs. */
    public static String guessKernelName(String tableName) {
        int slash = tableName.lastIndexOf('/');
        return slash >= 0 ? tableName.substring(slash + 1) : tableName;
    }
}
