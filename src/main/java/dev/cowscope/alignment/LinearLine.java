package dev.cowscope.alignment;

/**
 * One dm-linear table line {@code <start> <len> linear <dev> <offset>} ({@code drivers/md/dm-linear.c},
 * {@code linear_ctr}); all numbers in 512-byte sectors, the offset relative to {@code device}.
 *
 * @param device the device as the table names it: a path or {@code major:minor}
 */
public record LinearLine(long startSector, long lengthSectors, String device, long offsetSector) {
    public LinearLine {
        if (startSector < 0 || lengthSectors < 0 || offsetSector < 0) {
            throw new IllegalArgumentException("negative sector number");
        }
        if (lengthSectors > Long.MAX_VALUE - startSector) {
            throw new IllegalArgumentException("the line ends past sector " + Long.MAX_VALUE + " (start " + startSector
                + " + length " + lengthSectors + ")");
        }
        if (device.isBlank() || device.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("bad device name: '" + device + "'");
        }
    }

    /** First sector after the line in the dm device (fits: the constructor checks). */
    public long endSector() {
        return startSector + lengthSectors;
    }

    /** {@code dmsetup table} form. */
    public String render() {
        return startSector + " " + lengthSectors + " linear " + device + " " + offsetSector;
    }
}
