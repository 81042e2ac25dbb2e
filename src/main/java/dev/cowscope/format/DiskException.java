package dev.cowscope.format;

/**
 * One exception entry, {@code struct disk_exception}: 16 bytes, two {@code __le64}.
 * <pre>
 *  offset  size  field
 *  0       8     old_chunk  origin chunk (origin sector >> log2(chunk size))
 *  8       8     new_chunk  COW chunk holding the data; 0 ends the table
 * </pre>
 * Values are raw unsigned 64-bit numbers. The engine stores exceptions in primitive columns
 * ({@link ExceptionTable}); this record is for single entries at API edges.
 */
public record DiskException(long oldChunk, long newChunk) {
    public static final int SIZE_BYTES = 16;
    public static final int OLD_CHUNK_OFFSET = 0;
    public static final int NEW_CHUNK_OFFSET = 8;
}
