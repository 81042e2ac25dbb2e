package dev.cowscope.merge;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Writes windows of an image into a new file, leaving all-zero blocks as holes (as
 * {@code cp --sparse=always} does), and sets the final length.
 */
final class SparseWriter {
    static final int BLOCK_BYTES = 64 << 10;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(BLOCK_BYTES).asReadOnlyBuffer();

    private final FileChannel out;
    private long holeBytes;

    SparseWriter(FileChannel out) {
        this.out = out;
    }

    /** Writes {@code window} (position..limit) at {@code offsetBytes}, skipping zero blocks. */
    void write(long offsetBytes, ByteBuffer window) throws IOException {
        int base = window.position();
        int end = window.limit();
        int runStart = -1;
        for (int at = base; at < end; at += BLOCK_BYTES) {
            int len = Math.min(BLOCK_BYTES, end - at);
            boolean zero = window.slice(at, len).mismatch(ZEROS.slice(0, len)) < 0;
            if (!zero && runStart < 0) {
                runStart = at;
            } else if (zero) {
                holeBytes += len;
                if (runStart >= 0) {
                    put(offsetBytes + runStart - base, window.slice(runStart, at - runStart));
                    runStart = -1;
                }
            }
        }
        if (runStart >= 0) {
            put(offsetBytes + runStart - base, window.slice(runStart, end - runStart));
        }
    }

    /** Extends the file to {@code sizeBytes} when it ends in a hole. */
    void finish(long sizeBytes) throws IOException {
        if (out.size() < sizeBytes) {
            out.write(ByteBuffer.allocate(1), sizeBytes - 1);
        }
    }

    long holeBytes() {
        return holeBytes;
    }

    private void put(long offsetBytes, ByteBuffer src) throws IOException {
        long position = offsetBytes;
        while (src.hasRemaining()) {
            position += out.write(src, position);
        }
    }
}
