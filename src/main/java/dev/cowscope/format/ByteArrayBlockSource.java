package dev.cowscope.format;

import java.io.IOException;
import java.nio.ByteBuffer;

/** An image held in memory: tests, the bundled sample, small in-memory edits. */
public final class ByteArrayBlockSource implements BlockSource {
    private final String name;
    private final byte[] bytes;

    public ByteArrayBlockSource(String name, byte[] bytes) {
        this.name = name;
        this.bytes = bytes;
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
        return bytes.length;
    }

    @Override
    public void readFully(long offsetBytes, ByteBuffer dst) throws IOException {
        requireRange(offsetBytes, dst.remaining());
        dst.put(bytes, (int) offsetBytes, dst.remaining());
    }

    @Override
    public void close() {
        // nothing to release
    }
}
