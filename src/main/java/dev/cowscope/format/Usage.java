package dev.cowscope.format;

import java.util.Locale;

/**
 * What {@code dmsetup status} prints for the store ({@code persistent_usage} and
 * {@code snapshot_status}): {@code <sectors_allocated>/<total_sectors> <metadata_sectors>} for a
 * loaded store, or the word the kernel prints instead ({@code Invalid}).
 *
 * @param sectorsAllocated {@code next_free × chunk size}, header and metadata included
 * @param totalSectors the COW device's size in sectors (not rounded to chunks)
 * @param metadataSectors {@code (current_area + 2) × chunk size}: header plus areas 0..current
 * @param statusWord {@code Invalid} for an invalidated store, empty for a loaded one
 */
public record Usage(long sectorsAllocated, long totalSectors, long metadataSectors, String statusWord) {
    /** The status parameters exactly as the kernel prints them. */
    public String dmsetupStatus() {
        if (!statusWord.isEmpty()) {
            return statusWord;
        }
        return Long.toUnsignedString(sectorsAllocated) + "/" + totalSectors + " " + Long.toUnsignedString(metadataSectors);
    }

    /** Allocated share of the device, in percent, two decimals. */
    public double percentFull() {
        if (totalSectors == 0) {
            return 0;
        }
        return Math.round(10000.0 * Units.unsigned(sectorsAllocated) / totalSectors) / 100.0; // unsigned, like the kernel's
    }

    public long dataSectors() {
        return sectorsAllocated - metadataSectors;
    }

    /** The whole line {@code dmsetup status} prints for a snapshot of {@code originSectors}. */
    public String statusLine(long originSectors, String targetType) {
        return String.format(Locale.ROOT, "0 %d %s %s", originSectors, targetType, dmsetupStatus());
    }
}
