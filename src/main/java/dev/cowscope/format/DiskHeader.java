package dev.cowscope.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The persistent store's header, {@code struct disk_header} in {@code drivers/md/dm-snap-persistent.c}:
 * the first 16 bytes of chunk 0, all little-endian {@code __le32}.
 * <pre>
 *  offset  size  field
 *  0       4     magic       SNAP_MAGIC 0x70416e53 ("SnAp" on disk), or 0 for a new COW
 *  4       4     valid       0 once the snapshot was invalidated; any other value is valid
 *  8       4     version     must be 1 (SNAPSHOT_DISK_VERSION)
 *  12      4     chunk_size  in 512-byte sectors
 * </pre>
 * Values are kept unsigned in {@code long}s, exactly as on disk.
 */
public record DiskHeader(long magic, long valid, long version, long chunkSizeSectors) {
    public static final long SNAP_MAGIC = 0x70416e53L;
    /** The first 8 bytes (little-endian) of an Android Virtual A/B COW file ("!!WOcwoC"): read by {@code android}. */
    public static final long ANDROID_COW_MAGIC = 0x436f77634f572121L;
    public static final long SNAPSHOT_DISK_VERSION = 1;
    public static final int SIZE_BYTES = 16;
    public static final int MAGIC_OFFSET = 0;
    public static final int VALID_OFFSET = 4;
    public static final int VERSION_OFFSET = 8;
    public static final int CHUNK_SIZE_OFFSET = 12;

    /** Decodes the header from the first 16 bytes of {@code chunk0} (from its position). */
    public static DiskHeader decode(ByteBuffer chunk0) {
        ByteBuffer b = chunk0.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int base = b.position();
        return new DiskHeader(
                Integer.toUnsignedLong(b.getInt(base + MAGIC_OFFSET)),
                Integer.toUnsignedLong(b.getInt(base + VALID_OFFSET)),
                Integer.toUnsignedLong(b.getInt(base + VERSION_OFFSET)),
                Integer.toUnsignedLong(b.getInt(base + CHUNK_SIZE_OFFSET)));
    }

    /** Encodes the header as the kernel's {@code write_header} lays it out. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt((int) magic).putInt((int) valid).putInt((int) version).putInt((int) chunkSizeSectors);
        return b.array();
    }

    public boolean isFresh() {
        return magic == 0;
    }

    public boolean hasSnapMagic() {
        return magic == SNAP_MAGIC;
    }

    /** The kernel treats any non-zero {@code valid} as valid. */
    public boolean isValid() {
        return valid != 0;
    }

    /** The magic as the JSON report prints it, e.g. {@code 0x70416e53}. */
    public String magicHex() {
        return String.format("0x%08x", magic);
    }
}
