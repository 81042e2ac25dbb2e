package dev.cowscope.alignment;

/**
 * One {@code struct fiemap_extent}: byte offset in the file, byte offset on the file system's block
 * device, length in bytes and {@code fe_flags} ({@link FiemapFlags}).
 */
public record Extent(long logicalBytes, long physicalBytes, long lengthBytes, int flags) {
    public Extent {
        if (logicalBytes < 0 || physicalBytes < 0 || lengthBytes < 0) {
            throw new IllegalArgumentException("negative extent field: " + logicalBytes + ", "
                + physicalBytes + ", " + lengthBytes);
        }
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** First byte after the extent in the file. */
    public long logicalEndBytes() {
        return Math.addExact(logicalBytes, lengthBytes);
    }

    /** First byte after the extent on the device. */
    public long physicalEndBytes() {
        return Math.addExact(physicalBytes, lengthBytes);
    }
}
