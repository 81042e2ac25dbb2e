package dev.cowscope.format;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Read-only random access to a COW or origin image: a file, a block device, a decompressed gzip
 * image or bytes in memory. Reads never come back short: a read past {@link #sizeBytes()} throws.
 */
public interface BlockSource extends AutoCloseable {
    /** The path or name as the user gave it. */
    String name();

    SourceKind kind();

    /** Size in bytes; for a block device, the device's size (not {@code FileChannel.size()}). */
    long sizeBytes();

    /**
     * Fills {@code dst} from its position to its limit with the bytes at {@code offsetBytes}.
     *
     * @throws IOException when the range is not inside the source or the read fails; the message
     *     names the source and the offset
     */
    void readFully(long offsetBytes, ByteBuffer dst) throws IOException;

    /**
     * Says that {@code [offsetBytes, offsetBytes + length)} is about to be read, in any order. A
     * source that must first unpack something to serve that (a compressed image's data chunks)
     * does it now, with progress and cancel; the others do nothing.
     *
     * @throws IOException when it cannot be made readable (no room for the unpacked copy …); the
     *     message says why and what to do
     */
    default void prepareRead(long offsetBytes, long length, Progress progress) throws IOException {
        // random access already
    }

    /**
     * True when reads at scattered offsets from several threads at once cost no more than reads in
     * ascending order (a file or a block device); false for a source that decodes front to back.
     */
    default boolean readsInAnyOrder() {
        return false;
    }

    @Override
    void close() throws IOException;

    /** Checks that {@code [offsetBytes, offsetBytes + length)} lies inside the source. */
    default void requireRange(long offsetBytes, long length) throws IOException {
        long end;
        try {
            end = Math.addExact(offsetBytes, length);
        } catch (ArithmeticException e) {
            end = Long.MAX_VALUE;
        }
        if (offsetBytes < 0 || length < 0 || end > sizeBytes()) {
            throw new java.io.EOFException(String.format(
                    "%s: read of %d bytes at offset %d (0x%x) is past the end (size %d bytes)",
                    name(), length, offsetBytes, offsetBytes, sizeBytes()));
        }
    }
}
