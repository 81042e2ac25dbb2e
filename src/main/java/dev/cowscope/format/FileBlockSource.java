package dev.cowscope.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** A regular file or a block device, opened read-only, read with positional reads. */
public final class FileBlockSource implements BlockSource {
    private final String name;
    private final SourceKind kind;
    private final FileChannel channel;
    private final long sizeBytes;

    FileBlockSource(String name, SourceKind kind, FileChannel channel, long sizeBytes) {
        this.name = name;
        this.kind = kind;
        this.channel = channel;
        this.sizeBytes = sizeBytes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SourceKind kind() {
        return kind;
    }

    @Override
    public long sizeBytes() {
        return sizeBytes;
    }

    @Override
    public void readFully(long offsetBytes, ByteBuffer dst) throws IOException {
        requireRange(offsetBytes, dst.remaining());
        long position = offsetBytes;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, position);
            if (n < 0) {
                throw new java.io.EOFException(String.format(
                        "%s: unexpected end of data at offset %d (0x%x)", name, position, position));
            }
            position += n;
        }
    }

    /** Positional reads: any order, any thread. */
    @Override
    public boolean readsInAnyOrder() {
        return true;
    }

    /** The channel, for bulk transfers ({@code transferTo}) by streaming passes. */
    public FileChannel channel() {
        return channel;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
