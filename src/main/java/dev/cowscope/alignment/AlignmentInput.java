package dev.cowscope.alignment;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything an alignment check needs, as a face (CLI options, the tab's fields) collected it, values
 * already parsed by {@link AlignmentValues} and {@link LimitsInput}.
 *
 * @param device             the device the extents point into and the table names; with limits it
 *                           applies to every line. Empty: {@link AlignmentCheck#PLACEHOLDER_DEVICE}
 *                           names built tables, and table lines name their own devices
 * @param limits             the device's limits by hand; empty: read {@code device} (or each line's
 *                           device) from {@code machine}
 * @param readDevice         {@code device} as read from sysfs earlier, for the kernel's names of it
 * @param machine            the block devices of this machine (sysfs); a device size missing from
 *                           {@code limits} is read from here for {@code device}
 * @param wantedBytes        clip built tables to this size
 * @param filefragBlockBytes unit of filefrag rows when the output does not say it
 * @param filefragHex        filefrag rows are hexadecimal ({@code filefrag -X})
 */
public record AlignmentInput(AlignmentSource source, Optional<String> device, Optional<QueueLimits> limits,
                             Optional<BlockDevice> readDevice, DeviceResolver machine, KernelVersion kernel,
                             OptionalLong wantedBytes, OptionalLong filefragBlockBytes, boolean filefragHex) {
    /** No machine to read devices from (typed limits only). */
    public static final DeviceResolver NO_MACHINE = name -> Optional.empty();
}
