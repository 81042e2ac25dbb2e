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
        if (lengthBytes > Long.MAX_VALUE - Math.max(logicalBytes, physicalBytes)) {
            throw new IllegalArgumentException("extent ends past byte " + Long.MAX_VALUE + ": " + logicalBytes + ", "
                + physicalBytes + ", " + lengthBytes);
        }
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** First byte after the extent in the file (fits: the constructor checks). */
    public long logicalEndBytes() {
        return logicalBytes + lengthBytes;
    }

    /** First byte after the extent on the device (fits: the constructor checks). */
    public long physicalEndBytes() {
        return physicalBytes + lengthBytes;
    }
}
