package dev.cowscope.alignment;

import java.util.OptionalInt;

/**
 * One line the kernel prints, as {@code DMWARN}/{@code DMERR} format it:
 * {@code device-mapper: <facility>: [<dm M:m>: ]<text>} ({@code DM_MSG_PREFIX} of dm-table.c is
 * {@code table}, of dm.c {@code core}, of dm-ioctl.c {@code ioctl}).
 *
 * @param facility       {@code table}, {@code core} or {@code ioctl}
 * @param dmNamePrefixed the text is preceded by {@code dm_device_name(md)}, the dm device's {@code M:m}
 * @param lineIndex      the table line it is about, if any
 * @param resume         printed while resuming ({@code dm_swap_table}); false: while loading
 */
public record KernelMessage(Level level, String facility, boolean dmNamePrefixed, String text,
                            OptionalInt lineIndex, boolean resume) {
    /** printk level. */
    public enum Level { WARNING, ERR }

    /** The line exactly as dmesg shows it (without the timestamp), with the dm device's {@code M:m}. */
    public String render(String dmDeviceMajorMinor) {
        return "device-mapper: " + facility + ": " + (dmNamePrefixed ? dmDeviceMajorMinor + ": " : "") + text;
    }

    /** The line without the dm device's {@code M:m: } (not known before {@code dmsetup create}). */
    public String render() {
        return "device-mapper: " + facility + ": " + text;
    }
}
