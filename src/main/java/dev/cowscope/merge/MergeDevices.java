package dev.cowscope.merge;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The two devices a merge writes: the origin (data) and the COW (metadata areas). Files for an
 * in-place merge, {@link MemoryImage}s for replaying a merge in memory.
 */
public interface MergeDevices {
    long originBytes();

    /** Fills {@code dst} from the COW at {@code offsetBytes}. */
    void readCow(long offsetBytes, ByteBuffer dst) throws IOException;

    void writeOrigin(long offsetBytes, ByteBuffer src) throws IOException;

    void writeCow(long offsetBytes, ByteBuffer src) throws IOException;

    /** {@code blkdev_issue_flush(origin)}: the copy is stable before the commit is written. */
    void flushOrigin() throws IOException;

    /** The REQ_PREFLUSH | REQ_FUA of the area write: the commit is stable before the next step. */
    void flushCow() throws IOException;

    /** An origin and a COW opened read-write. */
    static MergeDevices files(FileChannel origin, FileChannel cow) throws IOException {
        long originBytes = origin.size();
        return new MergeDevices() {
            @Override
            public long originBytes() {
                return originBytes;
            }

            @Override
            public void readCow(long offsetBytes, ByteBuffer dst) throws IOException {
                long position = offsetBytes;
                while (dst.hasRemaining()) {
                    int n = cow.read(dst, position);
                    if (n < 0) {
                        throw new java.io.EOFException("COW ends at " + position);
                    }
                    position += n;
                }
            }

            @Override
            public void writeOrigin(long offsetBytes, ByteBuffer src) throws IOException {
                write(origin, offsetBytes, src);
            }

            @Override
            public void writeCow(long offsetBytes, ByteBuffer src) throws IOException {
                write(cow, offsetBytes, src);
            }

            @Override
            public void flushOrigin() throws IOException {
                origin.force(false);
            }

            @Override
            public void flushCow() throws IOException {
                cow.force(false);
            }
        };
    }

    /** An image a merge changes in memory: a byte array, or a {@link CopyOnWriteSource} over a read-only source. */
    interface MemoryImage {
        long sizeBytes();

        void read(long offsetBytes, ByteBuffer dst) throws IOException;

        void write(long offsetBytes, ByteBuffer src) throws IOException;
    }

    /** Byte arrays, changed in place. */
    static MergeDevices memory(byte[] origin, byte[] cow) {
        return memory(array(origin), array(cow));
    }

    /** Images held in memory; flushes are no-ops because memory is always "stable". */
    static MergeDevices memory(MemoryImage origin, MemoryImage cow) {
        return new MergeDevices() {
            @Override
            public long originBytes() {
                return origin.sizeBytes();
            }

            @Override
            public void readCow(long offsetBytes, ByteBuffer dst) throws IOException {
                cow.read(offsetBytes, dst);
            }

            @Override
            public void writeOrigin(long offsetBytes, ByteBuffer src) throws IOException {
                origin.write(offsetBytes, src);
            }

            @Override
            public void writeCow(long offsetBytes, ByteBuffer src) throws IOException {
                cow.write(offsetBytes, src);
            }

            @Override
            public void flushOrigin() {
                // memory is always "stable"
            }

            @Override
            public void flushCow() {
                // memory is always "stable"
            }
        };
    }

    private static MemoryImage array(byte[] bytes) {
        return new MemoryImage() {
            @Override
            public long sizeBytes() {
                return bytes.length;
            }

            @Override
            public void read(long offsetBytes, ByteBuffer dst) {
                dst.put(bytes, Math.toIntExact(offsetBytes), dst.remaining());
            }

            @Override
            public void write(long offsetBytes, ByteBuffer src) {
                src.get(bytes, Math.toIntExact(offsetBytes), src.remaining());
            }
        };
    }

    private static void write(FileChannel channel, long offsetBytes, ByteBuffer src) throws IOException {
        long position = offsetBytes;
        while (src.hasRemaining()) {
            position += channel.write(src, position);
        }
    }
}
