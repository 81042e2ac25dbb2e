package dev.cowscope.merge;

import dev.cowscope.format.BlockSource;
import dev.cowscope.format.SourceKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * A read-only source with the chunks written to it kept in memory: a merge can be replayed on
 * the user's origin and COW without writing them, holding only the chunks it changes.
 */
public final class CopyOnWriteSource implements BlockSource, MergeDevices.MemoryImage {
    private final BlockSource base;
    private final long chunkBytes;
    private final String name;
    private final Map<Long, byte[]> written = new HashMap<>();

    public CopyOnWriteSource(BlockSource base, long chunkBytes, String name) {
        if (chunkBytes <= 0 || chunkBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("chunk size out of range: " + chunkBytes);
        }
        this.base = base;
        this.chunkBytes = chunkBytes;
        this.name = name;
    }

    /** Bytes held in memory: the chunks written so far. */
    public long heldBytes() {
        long bytes = 0;
        for (byte[] chunk : written.values()) {
            bytes += chunk.length;
        }
        return bytes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SourceKind kind() {
        return SourceKind.MEMORY;
    }

    @Override
    public long sizeBytes() {
        return base.sizeBytes();
    }

    @Override
    public void prepareRead(long offsetBytes, long length, dev.cowscope.format.Progress progress) throws IOException {
        base.prepareRead(offsetBytes, length, progress); // the chunks not written here come from the base
    }

    @Override
    public void readFully(long offsetBytes, ByteBuffer dst) throws IOException {
        requireRange(offsetBytes, dst.remaining());
        forEachPiece(offsetBytes, dst.remaining(), (chunk, within, n) -> {
            byte[] copy = written.get(chunk);
            if (copy != null) {
                dst.put(copy, within, n);
            } else {
                ByteBuffer part = dst.duplicate();
                part.limit(part.position() + n);
                base.readFully(chunk * chunkBytes + within, part);
                dst.position(dst.position() + n);
            }
        });
    }

    @Override
    public void read(long offsetBytes, ByteBuffer dst) throws IOException {
        readFully(offsetBytes, dst);
    }

    @Override
    public void write(long offsetBytes, ByteBuffer src) throws IOException {
        requireRange(offsetBytes, src.remaining());
        forEachPiece(offsetBytes, src.remaining(), (chunk, within, n) -> {
            byte[] copy = written.get(chunk);
            if (copy == null) {
                long start = chunk * chunkBytes;
                copy = new byte[(int) Math.min(chunkBytes, sizeBytes() - start)];
                // a partial write keeps the rest of the chunk as the base has it
                if (within != 0 || n != copy.length) {
                    base.readFully(start, ByteBuffer.wrap(copy));
                }
                written.put(chunk, copy);
            }
            src.get(copy, within, n);
        });
    }

    /** The part of one chunk a read or write touches. */
    private interface Piece {
        void at(long chunk, int within, int length) throws IOException;
    }

    /** Splits {@code length} bytes at {@code offsetBytes} (already range-checked) at chunk boundaries. */
    private void forEachPiece(long offsetBytes, int length, Piece piece) throws IOException {
        long offset = offsetBytes;
        int left = length;
        while (left > 0) {
            long chunk = offset / chunkBytes;
            int within = (int) (offset - chunk * chunkBytes);
            int n = (int) Math.min(left, chunkBytes - within);
            piece.at(chunk, within, n);
            offset += n;
            left -= n;
        }
    }

    @Override
    public void close() {
        written.clear();
    }
}
