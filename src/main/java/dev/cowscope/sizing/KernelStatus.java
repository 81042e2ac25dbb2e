package dev.cowscope.sizing;

/**
 * What {@code dmsetup status} prints for a persistent snapshot ({@code snapshot_status} with
 * {@code persistent_usage}, dm-snap-persistent.c).
 *
 * @param state whether the device exists and which word or numbers it prints
 * @param sectorsAllocated {@code next_free · cs}; 0 unless {@link State#ACTIVE}
 * @param totalSectors the COW size in whole sectors ({@code get_dev_size})
 * @param metadataSectors {@code (current_area + 2) · cs}; 0 unless {@link State#ACTIVE}
 */
public record KernelStatus(State state, long sectorsAllocated, long totalSectors, long metadataSectors) {
    /** The outcomes the kernel can report. */
    public enum State {
        /** Numbers: {@code <sectors_allocated>/<total_sectors> <metadata_sectors>}. */
        ACTIVE,
        /** {@code Overflow}: a PO snapshot that ran out of space; reads still work. */
        OVERFLOW,
        /** {@code Invalid}: the snapshot was invalidated and stays dead. */
        INVALID,
        /** No device: the table load fails because the COW is smaller than the header and area 0. */
        NOT_CREATED
    }

    /** The params part of the status line, e.g. {@code 2424/8192 24}, {@code Overflow} or {@code Invalid}. */
    public String params() {
        switch (state) {
            case ACTIVE:
                return sectorsAllocated + "/" + totalSectors + " " + metadataSectors;
            case OVERFLOW:
                return "Overflow";
            case INVALID:
                return "Invalid";
            default:
                return "(no device: zero_disk_area(0) failed, the COW is smaller than 2 chunks)";
        }
    }
}
